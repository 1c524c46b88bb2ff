import { z } from "zod";
import { fileInfo } from "./files.js";

/** At most this many files per batch upload: a batch is one transaction and one answer. */
export const MAX_BATCH_FILES = 500;
/** At most this many bytes of files per batch (each is held in memory until the batch commits). */
export const MAX_BATCH_BYTES = 64 * 1024 * 1024;

/** Options every file of a batch shares (the one-file upload's, without its per-file digest). */
export const uploadBatchQuery = z.object({
  "bioc-version": z.string().optional(),
  "bioc-section": z.string().optional().describe("Bioconductor section: bioc (default), data/annotation, data/experiment, workflows, books"),
  label: z.string().optional().describe("conda label(s), comma separated (default: main)"),
});
export type UploadBatchQuery = z.input<typeof uploadBatchQuery>;

/** The `manifest` part of a batch: each file's expected sha256, checked before anything is recorded. */
export const batchManifest = z.array(z.object({ filename: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lower-case hex digits") }));
export type BatchManifest = z.input<typeof batchManifest>;

/** What happened to one file of a batch. */
export const batchOutcome = z.discriminatedUnion("status", [
  z.object({ filename: z.string(), status: z.literal("added"), file: fileInfo }),
  z.object({ filename: z.string(), status: z.literal("skipped"), sha256: z.string().describe("already in the source with these bytes") }),
  z.object({ filename: z.string(), status: z.literal("refused"), code: z.string(), reason: z.string() }),
]);
export type BatchOutcome = z.output<typeof batchOutcome>;

/** The batch's answer: one outcome per file part, in the order they were sent. */
export const batchOutcomes = z.object({ outcomes: z.array(batchOutcome) });

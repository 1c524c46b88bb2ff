import { z } from "zod";
import { strictBody } from "./strict.js";

/** A published (or removed) package file as listings, uploads and yanks answer with it. */
export const fileInfo = z.object({
  id: z.string(),
  source: z.string(),
  filename: z.string(),
  project: z.string().describe("the package name, normalized for its ecosystem"),
  name: z.string(),
  version: z.string(),
  kind: z.enum(["wheel", "sdist", "r-source", "conda"]),
  sha256: z.string(),
  md5: z.string(),
  size: z.number(),
  subdir: z.string().nullable().describe("conda subdir (linux-64, noarch, …); null for other kinds"),
  biocVersion: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()).describe("what the file's own metadata says (dependencies, requires-python, …)"),
  publishedAt: z.string(),
  removedAt: z.string().nullable(),
  yanked: z.boolean(),
  yankedReason: z.string().nullable().describe("the yank's reason (\"\" for none), or null when not yanked"),
  labels: z.array(z.string()),
});
export type FileInfo = z.output<typeof fileInfo>;

export const uploadFileQuery = z.object({
  sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, "must be 64 hex digits").optional(),
  "bioc-version": z.string().optional(),
  "bioc-section": z.string().optional().describe("Bioconductor section: bioc (default), data/annotation, data/experiment, workflows, books"),
  label: z.string().optional().describe("conda label(s), comma separated (default: main)"),
});
export type UploadFileQuery = z.input<typeof uploadFileQuery>;

export const listFilesQuery = z.object({ removed: z.enum(["true", "false"]).optional(), project: z.string().optional() });

export const yankBody = strictBody({ reason: z.string().max(500, "the reason may have at most 500 characters").optional() });

export const removePackageQuery = z.object({ version: z.string().optional() });
/** The filenames a removal took out of the index (their names stay reserved). */
export const removedFiles = z.object({ removed: z.array(z.string()) });

const labelList = z.array(z.string().min(1)).max(64);
/** A label edit: one request moves a conda file between labels atomically (`{add:["main"], remove:["dev"]}`). */
export const labelEditBody = z
  .object({ add: labelList.optional(), remove: labelList.optional() })
  .strict()
  .refine((b) => (b.add?.length ?? 0) + (b.remove?.length ?? 0) > 0, { message: "name at least one label to add or remove", path: ["add"] });
export type LabelEditBody = z.input<typeof labelEditBody>;

export const labelChange = z.object({ file: fileInfo, added: z.array(z.string()), removed: z.array(z.string()) });
export type LabelChange = z.output<typeof labelChange>;

export const fileLabel = z.object({ label: z.string(), addedAt: z.string() });
export type FileLabel = z.output<typeof fileLabel>;

export const sourceLabel = z.object({ label: z.string(), files: z.number().describe("published files carrying it") });
export type SourceLabel = z.output<typeof sourceLabel>;

export const labelCopyBody = strictBody({ from: z.string().min(1, "name the label to copy"), to: z.string().min(1, "name the label to give") });

export const labelCopy = z.object({
  source: z.string(),
  from: z.string(),
  to: z.string(),
  copied: z.array(z.string()).describe("files that gained the label"),
  alreadyThere: z.number().describe("files carrying `from` that already had `to`"),
});
export type LabelCopy = z.output<typeof labelCopy>;

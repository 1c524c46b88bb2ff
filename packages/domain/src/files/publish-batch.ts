import { createHash } from "node:crypto";
import type { Actor } from "../auth/index.js";
import type { BlobInput } from "../blobs/stage-to-file.js";
import type { DomainContext, RequestMeta } from "../context.js";
import type { SourceRow } from "../db/index.js";
import { nameNotYours, privateProjectsClosedTo } from "../access/private-packages.js";
import { isDomainError } from "../errors/index.js";
import { dropReservedBlobs, releaseBlobs, reserveBlobs, sha256Of } from "../gc/index.js";
import type { PackageFileInfo } from "./package-file-info.js";
import type { PublishInput } from "./publish-file.js";
import {
  type InspectedUpload,
  type PreparedUpload,
  alreadyExists,
  checkUploadFilename,
  commitUploadBlobs,
  inspectUpload,
  openUploadTarget,
  preparedFileInfo,
  prepareUpload,
  recordUploads,
} from "./publish-steps.js";
import { isUniqueViolation } from "./unique-violation.js";

/** One file of a bulk import; `open` is called when its turn comes (so a batch holds few files open). */
export interface BatchUpload {
  filename: string;
  open(): BlobInput;
}

/** A batch of files for one source, with the options every file of it shares. */
export interface PublishBatchInput extends Pick<PublishInput, "source" | "biocVersion" | "biocSection" | "labels"> {
  files: readonly BatchUpload[];
}

/** What happened to one file of a batch. */
export type BatchOutcome =
  | { filename: string; status: "added"; file: PackageFileInfo }
  /** Already in the source with the same sha256 (a re-run after an interruption). */
  | { filename: string; status: "skipped"; sha256: string }
  | { filename: string; status: "refused"; code: string; reason: string };

/** Files staged, inspected and committed at once: their fsyncs overlap instead of queueing. */
const CONCURRENCY = 16;

async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function sha256OfInput(input: BlobInput): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of input) hash.update(chunk as Uint8Array);
  return hash.digest("hex");
}

function refusal(filename: string, err: unknown): BatchOutcome {
  // A full disk or a broken database is not this file's fault: the whole batch fails instead.
  if (!isDomainError(err) || err.code === "STORAGE_FULL" || err.code === "DATABASE_IN_USE") throw err;
  return { filename, status: "refused", code: err.code, reason: err.message };
}

/** Skipped when the source holds these very bytes under the name, refused otherwise (names are never reused). */
async function outcomeForExisting(source: SourceRow, file: BatchUpload, existing: { sha256: string; removed_at: Date | null }): Promise<BatchOutcome> {
  const sha256 = await sha256OfInput(file.open());
  if (sha256 === existing.sha256 && existing.removed_at === null) return { filename: file.filename, status: "skipped", sha256 };
  const why =
    existing.removed_at !== null
      ? `it was removed on ${existing.removed_at.toISOString()} and a removed file's name is never reused`
      : `the stored file has sha256 ${existing.sha256}, this one ${sha256}`;
  const err = alreadyExists(file.filename, source.name);
  return { filename: file.filename, status: "refused", code: err.code, reason: `${err.message} (${why})` };
}

/**
 * Records the prepared files in one transaction. A file the one-sdist rule refuses here (a second
 * sdist of a release within the batch) is left out; any other failure rolls the whole batch back.
 */
async function recordAll(ctx: DomainContext, actor: Actor, source: SourceRow, prepared: readonly PreparedUpload[], meta: RequestMeta, release: (tx: DomainContext["db"]) => Promise<void>): Promise<Map<string, BatchOutcome>> {
  const refused = await ctx.db.transaction().execute(async (tx) => {
    const r = await recordUploads(tx, actor, source, prepared, meta);
    await release(tx);
    return r;
  });
  return new Map([...refused].map(([filename, err]) => [filename, refusal(filename, err)]));
}

/** After a same-name race with another publisher: one transaction per file, so only the losers are refused. */
async function recordEach(ctx: DomainContext, actor: Actor, source: SourceRow, prepared: readonly PreparedUpload[], meta: RequestMeta): Promise<Map<string, BatchOutcome>> {
  const refused = new Map<string, BatchOutcome>();
  for (const p of prepared) {
    const filename = p.row.filename;
    try {
      const r = await ctx.db.transaction().execute((tx) => recordUploads(tx, actor, source, [p], meta));
      const err = r.get(filename);
      if (err) refused.set(filename, refusal(filename, err));
    } catch (err) {
      refused.set(filename, refusal(filename, isUniqueViolation(err) ? alreadyExists(filename, source.name) : err));
    }
  }
  return refused;
}

/**
 * The refusals publishBatch makes before reading any file (no such source, no write access, a
 * remote source, bad Bioconductor options), for a caller that must not read a body it would refuse.
 * @example await checkBatchTarget(domain, actor, { source: "internal" }); // throws FORBIDDEN, NOT_FOUND, …
 */
export async function checkBatchTarget(ctx: DomainContext, actor: Actor, input: Pick<PublishBatchInput, "source" | "biocVersion" | "biocSection">): Promise<void> {
  await openUploadTarget(ctx, actor, input);
}

/**
 * Publishes many files into one source with the rules of publishFile (the same steps), batching the
 * durability instead of skipping it: every file is staged, inspected and committed to the blob store
 * (fsynced, CONCURRENCY at a time so the syncs overlap), then all rows are written in one
 * transaction. When it resolves, every "added" file is durable and visible; when it rejects, none of
 * this batch's files is. A filename the source already holds is "skipped" when the bytes are the
 * same and "refused" otherwise; other per-file refusals (bad name, bad archive, second sdist, too
 * large) are "refused" with their code and message, and do not stop the rest.
 *
 * @example
 * const outcomes = await publishBatch(ctx, actor, { source: "internal", files: paths.map((p) => ({ filename: basename(p), open: () => createReadStream(p) })) });
 */
export async function publishBatch(ctx: DomainContext, actor: Actor, input: PublishBatchInput, meta: RequestMeta = {}): Promise<BatchOutcome[]> {
  const source = await openUploadTarget(ctx, actor, input);
  const outcomes = new Map<number, BatchOutcome>();
  const firstIndexOf = new Map<string, number>();
  input.files.forEach((file, i) => {
    try {
      checkUploadFilename(file.filename);
    } catch (err) {
      outcomes.set(i, refusal(file.filename, err));
      return;
    }
    if (!firstIndexOf.has(file.filename)) firstIndexOf.set(file.filename, i);
  });
  const names = [...firstIndexOf.keys()];
  const existing = names.length
    ? await ctx.db.selectFrom("package_files").select(["filename", "project", "sha256", "removed_at"]).where("source_id", "=", source.id).where("filename", "in", names).execute()
    : [];
  const existingByName = new Map(existing.map((e) => [e.filename, e]));
  // A private package's files (names, digests) are not told to those who may not publish to it; one read for the batch.
  const closed = await privateProjectsClosedTo(ctx, actor, source);

  const fresh: number[] = [];
  const present: [number, { sha256: string; removed_at: Date | null }][] = [];
  for (const [filename, i] of firstIndexOf) {
    const known = existingByName.get(filename);
    if (known && closed.has(known.project)) outcomes.set(i, refusal(filename, nameNotYours(known.project, source.name)));
    else if (known) present.push([i, known]);
    else fresh.push(i);
  }
  await mapLimit(present, CONCURRENCY, async ([i, known]) => {
    outcomes.set(i, await outcomeForExisting(source, input.files[i] as BatchUpload, known));
  });

  const inspected = new Map<number, InspectedUpload>();
  try {
    await mapLimit(fresh, CONCURRENCY, async (i) => {
      const file = input.files[i] as BatchUpload;
      try {
        inspected.set(i, await inspectUpload(ctx, actor, source, { source: source.name, filename: file.filename, body: file.open() }, closed));
      } catch (err) {
        outcomes.set(i, refusal(file.filename, err));
      }
    });
    const uploads = [...inspected.entries()].sort((a, b) => a[0] - b[0]);
    if (uploads.length > 0) {
      const hashes = uploads.flatMap(([, u]) => [u.staged.sha256, ...u.inspected.companions.map((c) => sha256Of(c.bytes))]);
      // One reservation for the batch, taken before any byte is committed, so garbage collection cannot take them meanwhile.
      const reservation = await reserveBlobs(ctx, hashes);
      let refusedInTx: Map<string, BatchOutcome>;
      let prepared: PreparedUpload[];
      try {
        const companionHashes = await mapLimit(uploads, CONCURRENCY, ([, u]) => commitUploadBlobs(ctx, u));
        prepared = uploads.map(([, u], k) => prepareUpload(ctx, actor, source, u, companionHashes[k] ?? [], input));
        try {
          refusedInTx = await recordAll(ctx, actor, source, prepared, meta, (tx) => releaseBlobs(tx, reservation));
        } catch (err) {
          if (!isUniqueViolation(err)) throw err;
          refusedInTx = await recordEach(ctx, actor, source, prepared, meta);
          await ctx.db.transaction().execute((tx) => releaseBlobs(tx, reservation));
        }
      } catch (err) {
        await dropReservedBlobs(ctx, reservation).catch(() => 0);
        throw err;
      }
      for (const [k, [i]] of uploads.entries()) {
        const p = prepared[k] as PreparedUpload;
        const refused = refusedInTx.get(p.row.filename);
        outcomes.set(i, refused ?? { filename: p.row.filename, status: "added", file: preparedFileInfo(p, source.name) });
      }
      for (const project of new Set(prepared.filter((p) => !refusedInTx.has(p.row.filename)).map((p) => p.inspected.project))) {
        ctx.bus.publish({ kind: "package", sourceId: source.id, project });
      }
    }
  } finally {
    // Committed staging paths are gone already; this drops the bytes of refused or failed files.
    await Promise.all([...inspected.values()].map((u) => ctx.blobs.discard(u.staged)));
  }

  // A name given twice: the same bytes as its first occurrence are skipped, anything else refused.
  await Promise.all(
    input.files.map(async (file, i) => {
      if (outcomes.has(i)) return;
      const first = outcomes.get(firstIndexOf.get(file.filename) ?? -1);
      const firstSha = first?.status === "added" ? first.file.sha256 : first?.status === "skipped" ? first.sha256 : undefined;
      const sha256 = await sha256OfInput(file.open());
      outcomes.set(
        i,
        sha256 === firstSha
          ? { filename: file.filename, status: "skipped", sha256 }
          : { filename: file.filename, status: "refused", code: "ALREADY_EXISTS", reason: `${file.filename} appears more than once in this import with different bytes (or its first copy was refused)` },
      );
    }),
  );
  return input.files.map((file, i) => outcomes.get(i) ?? { filename: file.filename, status: "refused", code: "FAILED", reason: "not processed" });
}

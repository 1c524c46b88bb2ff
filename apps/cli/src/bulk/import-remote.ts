import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { Readable } from "node:stream";
import { type FileInfo, ops, type UploadBatchQuery, type UploadFileQuery } from "@gatehouse/api-contract";
import type { ApiClient } from "../client/api-client.js";
import { CliError } from "../cli-error.js";
import type { BulkOptions, BulkOutcome, OnOutcomes } from "./bulk-types.js";
import type { LocalFile } from "./expand-paths.js";

/** One-file uploads in flight at once: enough to overlap the server's fsyncs and the round trips. */
export const REMOTE_CONCURRENCY = 4;
/** Files up to this size go in batches (read into memory, hashed and sent from there); larger ones are streamed, one PUT each. */
const BATCH_FILE_MAX = 1024 * 1024;
/** A batch's bounds: well inside the server's (MAX_BATCH_FILES, MAX_BATCH_BYTES), small enough to keep two in flight. */
const BATCH_FILES = 200;
const BATCH_BYTES = 16 * 1024 * 1024;
/** Batches in flight at once: one being committed on the server while the next is sent. */
const BATCHES_IN_FLIGHT = 2;
/** Errors that no other file would escape either: stop instead of refusing every file alike. */
const FATAL_CODES = new Set(["UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "UNREACHABLE", "STORAGE_FULL", "DATABASE_IN_USE"]);
const FATAL_FIELDS = new Set(["source", "bioc-version", "bioc-section", "label"]);

async function sha256Of(file: LocalFile, bytes: Buffer | undefined): Promise<string> {
  const hash = createHash("sha256");
  if (bytes) return hash.update(bytes).digest("hex");
  for await (const chunk of createReadStream(file.path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

function refusedExisting(file: LocalFile, known: FileInfo, sha256: string, options: BulkOptions): BulkOutcome {
  const base = { path: file.path, filename: known.filename };
  if (known.sha256 === sha256 && known.removedAt === null) return { ...base, status: "skipped" };
  if (options.skipExisting) return { ...base, status: "skipped" };
  const why = known.removedAt !== null ? `it was removed on ${known.removedAt} and a removed file's name is never reused` : `the stored file has sha256 ${known.sha256}, this one ${sha256}`;
  return {
    ...base,
    status: "refused",
    code: "ALREADY_EXISTS",
    reason: `${known.filename} already exists in source '${options.source}'; files are immutable: publish a new version instead (${why})`,
  };
}

/** The source's files; none when the token may upload but not list (a re-run then refuses, or with --skip-existing skips, what is there). */
async function listFiles(api: ApiClient, source: string): Promise<FileInfo[]> {
  try {
    return (await api.op(ops.files.list, { params: { source }, query: { removed: "true" } })).files;
  } catch (err) {
    if (err instanceof CliError && err.code === "FORBIDDEN") return [];
    throw err;
  }
}

/** A file that goes in a batch: small, new, hashed, its bytes in memory. */
interface Batched {
  file: LocalFile;
  filename: string;
  bytes: Buffer;
  sha256: string;
  settle(landed: boolean): void;
}

/**
 * Remote mode and the local admin socket: the source's files are listed once (so a re-run skips
 * what is there without sending it), then small new files go in batches (one request and one
 * durable commit on the server per batch, BATCHES_IN_FLIGHT at a time) and larger ones as one
 * streamed PUT each, REMOTE_CONCURRENCY at a time. Nothing is acknowledged before it is durable.
 */
export async function importRemote(api: ApiClient, files: readonly LocalFile[], options: BulkOptions, onOutcomes: OnOutcomes): Promise<void> {
  const known = new Map((await listFiles(api, options.source)).map((f) => [f.filename, f]));
  /** The first copy of each filename in this import: its sha256, and whether it landed (added or already there). */
  const firstOf = new Map<string, { sha256: string; landed: Promise<boolean> }>();
  const shared = {
    ...(options.biocVersion ? { "bioc-version": options.biocVersion } : {}),
    ...(options.biocSection ? { "bioc-section": options.biocSection } : {}),
    ...(options.labels ? { label: options.labels.join(",") } : {}),
  };
  const query: UploadFileQuery = shared;
  const batchQuery: UploadBatchQuery = shared;

  /** The outcome of a later copy of a filename: skipped when the first landed with the same bytes. */
  const laterCopy = async (file: LocalFile, filename: string, sha256: string, first: { sha256: string; landed: Promise<boolean> }): Promise<BulkOutcome> =>
    first.sha256 === sha256 && (await first.landed)
      ? { path: file.path, filename, status: "skipped" }
      : { path: file.path, filename, status: "refused", code: "ALREADY_EXISTS", reason: `${filename} appears more than once in this import with different bytes (or its first copy was refused)` };

  const refusal = (file: LocalFile, filename: string, err: unknown): BulkOutcome => {
    if (!(err instanceof CliError) || FATAL_CODES.has(err.code) || (err.field && FATAL_FIELDS.has(err.field))) throw err;
    if (err.code === "ALREADY_EXISTS" && options.skipExisting) return { path: file.path, filename, status: "skipped" };
    return { path: file.path, filename, status: "refused", code: err.code, reason: err.message };
  };

  const uploadLarge = async (file: LocalFile, filename: string, sha256: string, settle: (landed: boolean) => void): Promise<BulkOutcome> => {
    const body = Readable.toWeb(createReadStream(file.path)) as ReadableStream<Uint8Array>;
    try {
      const headers = { "content-type": "application/octet-stream", "content-length": String(file.size) };
      const info = await api.upload(ops.files.upload, { source: options.source, filename }, body, headers, { ...query, sha256 });
      settle(true);
      return { path: file.path, filename, status: "added", file: info };
    } catch (err) {
      settle(false);
      return refusal(file, filename, err);
    }
  };

  const sendBatch = async (items: readonly Batched[]): Promise<void> => {
    const form = new FormData();
    form.append("manifest", JSON.stringify(items.map((i) => ({ filename: i.filename, sha256: i.sha256 }))));
    for (const item of items) form.append("file", new Blob([item.bytes]), item.filename);
    // fetch's own multipart encoder: the body and its boundary, ready for any transport.
    const encoded = new Response(form);
    const body = new Uint8Array(await encoded.arrayBuffer());
    const headers = { "content-type": encoded.headers.get("content-type") ?? "multipart/form-data", "content-length": String(body.byteLength) };
    let answer: Awaited<ReturnType<typeof api.upload<typeof ops.files.uploadBatch>>>;
    try {
      answer = await api.upload(ops.files.uploadBatch, { source: options.source }, body, headers, batchQuery);
    } catch (err) {
      for (const item of items) item.settle(false);
      throw err;
    }
    const outcomes = items.map((item, k): BulkOutcome => {
      const outcome = answer.outcomes[k];
      const base = { path: item.file.path, filename: item.filename };
      if (outcome === undefined || outcome.filename !== item.filename) throw new CliError(`the server's batch answer does not match what was sent (at ${item.filename})`, { code: "BAD_RESPONSE" });
      item.settle(outcome.status !== "refused");
      if (outcome.status === "added") return { ...base, status: "added", file: outcome.file };
      if (outcome.status === "skipped") return { ...base, status: "skipped" };
      if (outcome.code === "ALREADY_EXISTS" && options.skipExisting) return { ...base, status: "skipped" };
      return { ...base, status: "refused", code: outcome.code, reason: outcome.reason };
    });
    onOutcomes(outcomes);
  };

  // Small files are read and hashed in order and packed into batches; large ones wait for the workers below.
  const large: { file: LocalFile; filename: string; sha256: string; settle: (landed: boolean) => void }[] = [];
  const later: Promise<BulkOutcome>[] = [];
  const inFlight = new Set<Promise<void>>();
  // A batch that fails as a whole (no access, disk full, unreachable) stops the import: kept here, thrown at the next step.
  let failure: { error: unknown } | undefined;
  const stopOnFailure = () => {
    if (failure) throw failure.error;
  };
  let batch: Batched[] = [];
  let batchBytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const items = batch;
    batch = [];
    batchBytes = 0;
    while (inFlight.size >= BATCHES_IN_FLIGHT) await Promise.race(inFlight);
    stopOnFailure();
    const sending: Promise<void> = sendBatch(items)
      .catch((error: unknown) => {
        failure ??= { error };
      })
      .finally(() => inFlight.delete(sending));
    inFlight.add(sending);
  };
  for (const file of files) {
    stopOnFailure();
    const filename = basename(file.path);
    const bytes = file.size <= BATCH_FILE_MAX ? await readFile(file.path) : undefined;
    const sha256 = await sha256Of(file, bytes);
    const existing = known.get(filename);
    if (existing) {
      onOutcomes([refusedExisting(file, existing, sha256, options)]);
      continue;
    }
    const first = firstOf.get(filename);
    if (first) {
      later.push(laterCopy(file, filename, sha256, first));
      continue;
    }
    let settle: (landed: boolean) => void = () => {};
    const landed = new Promise<boolean>((resolve) => {
      settle = resolve;
    });
    firstOf.set(filename, { sha256, landed });
    if (!bytes) {
      large.push({ file, filename, sha256, settle });
      continue;
    }
    if (batch.length >= BATCH_FILES || batchBytes + bytes.byteLength > BATCH_BYTES) await flush();
    batch.push({ file, filename, bytes, sha256, settle });
    batchBytes += bytes.byteLength;
  }
  await flush();

  let next = 0;
  const worker = async () => {
    while (next < large.length) {
      const item = large[next++] as (typeof large)[number];
      onOutcomes([await uploadLarge(item.file, item.filename, item.sha256, item.settle)]);
    }
  };
  await Promise.all(inFlight);
  stopOnFailure();
  await Promise.all(Array.from({ length: Math.min(REMOTE_CONCURRENCY, large.length) }, worker));
  onOutcomes(await Promise.all(later));
}

import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { Readable } from "node:stream";
import { type FileInfo, ops, type UploadFileQuery } from "@gatehouse/api-contract";
import type { ApiClient } from "../client/api-client.js";
import { CliError } from "../cli-error.js";
import type { BulkOptions, BulkOutcome, OnOutcomes } from "./bulk-types.js";
import type { LocalFile } from "./expand-paths.js";

/** Uploads in flight at once: enough to overlap the server's fsyncs and the round trips. */
export const REMOTE_CONCURRENCY = 4;
/** Below this a file is read into memory (hashed and sent from there); above it streamed twice. */
const SMALL = 8 * 1024 * 1024;
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

/**
 * Remote mode and the local admin socket: the source's files are listed once (so a re-run skips
 * what is there without sending it), then each new file is one streamed PUT, REMOTE_CONCURRENCY
 * at a time; the server makes each durable before it answers.
 */
export async function importRemote(api: ApiClient, files: readonly LocalFile[], options: BulkOptions, onOutcomes: OnOutcomes): Promise<void> {
  const known = new Map((await listFiles(api, options.source)).map((f) => [f.filename, f]));
  const firstOf = new Map<string, Promise<string | undefined>>();
  const query: UploadFileQuery = {
    ...(options.biocVersion ? { "bioc-version": options.biocVersion } : {}),
    ...(options.biocSection ? { "bioc-section": options.biocSection } : {}),
    ...(options.labels ? { label: options.labels.join(",") } : {}),
  };

  const uploadOne = async (file: LocalFile): Promise<BulkOutcome> => {
    const filename = basename(file.path);
    const bytes = file.size <= SMALL ? await readFile(file.path) : undefined;
    const sha256 = await sha256Of(file, bytes);
    const existing = known.get(filename);
    if (existing) return refusedExisting(file, existing, sha256, options);
    // The same name twice in one import: the later copies wait for the first and compare bytes.
    const first = firstOf.get(filename);
    if (first) {
      const firstSha = await first;
      return firstSha === sha256
        ? { path: file.path, filename, status: "skipped" }
        : { path: file.path, filename, status: "refused", code: "ALREADY_EXISTS", reason: `${filename} appears more than once in this import with different bytes (or its first copy was refused)` };
    }
    let settle: (sha: string | undefined) => void = () => {};
    firstOf.set(
      filename,
      new Promise((resolve) => {
        settle = resolve;
      }),
    );
    const body = bytes ?? (Readable.toWeb(createReadStream(file.path)) as ReadableStream<Uint8Array>);
    try {
      const headers = { "content-type": "application/octet-stream", "content-length": String(file.size) };
      const info = await api.upload(ops.files.upload, { source: options.source, filename }, body, headers, { ...query, sha256 });
      settle(sha256);
      return { path: file.path, filename, status: "added", file: info };
    } catch (err) {
      settle(undefined);
      if (!(err instanceof CliError) || FATAL_CODES.has(err.code) || (err.field && FATAL_FIELDS.has(err.field))) throw err;
      if (err.code === "ALREADY_EXISTS" && options.skipExisting) return { path: file.path, filename, status: "skipped" };
      return { path: file.path, filename, status: "refused", code: err.code, reason: err.message };
    }
  };

  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++] as LocalFile;
      onOutcomes([await uploadOne(file)]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(REMOTE_CONCURRENCY, files.length) }, worker));
}

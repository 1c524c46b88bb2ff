import { Readable } from "node:stream";
import type { BlobStore } from "@gatehouse/domain";
import { ApiError } from "../../http/api-error.js";
import { parseByteRange } from "./byte-range.js";
import { matchesIfNoneMatch } from "./etag.js";

/**
 * How caches may keep a download: forever when its URL names its content (shared caches only for
 * public repos, so they never hold authenticated bytes), or only after revalidating (URLs by name).
 */
export type BlobCaching = "immutable-public" | "immutable-private" | "revalidate";

/** A stored file to send: its bytes' digest, size and how clients should treat it. */
export interface BlobToServe {
  sha256: string;
  size: number;
  contentType: string;
  caching: BlobCaching;
}

const CACHE_CONTROL: Record<BlobCaching, string> = {
  "immutable-public": "public, max-age=31536000, immutable",
  "immutable-private": "private, max-age=31536000, immutable",
  revalidate: "no-cache",
};

/** The immutable caching a content-addressed download of a repo gets. */
export function immutableCachingFor(repo: { authenticated: boolean }): BlobCaching {
  return repo.authenticated ? "immutable-private" : "immutable-public";
}

/**
 * Answers a download from the blob store, streaming (never buffering) the bytes: strong ETag (the
 * sha256), 304 on a matching If-None-Match, 206 for one satisfiable Range (honouring If-Range), 416
 * for an unsatisfiable one, else 200; HEAD gets the headers only. Missing bytes are an INTERNAL error.
 * A store that hands out download URLs (S3 with GATEHOUSE_STORAGE_REDIRECT) gets a 302 to one instead.
 * @example return serveBlob(blobs, { sha256, size, contentType: "application/x-gzip", caching: "revalidate" }, c.req.raw)
 */
export async function serveBlob(blobs: BlobStore, blob: BlobToServe, request: Request): Promise<Response> {
  // The content is addressed by its digest, so the digest is a perfect strong validator.
  const etag = `"${blob.sha256}"`;
  const headers: Record<string, string> = {
    "Content-Type": blob.contentType,
    ETag: etag,
    "Accept-Ranges": "bytes",
    "Cache-Control": CACHE_CONTROL[blob.caching],
  };
  if (matchesIfNoneMatch(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  // Checked before answering 200, as a stream that fails after the headers would look like a cut connection.
  if (!(await blobs.stat(blob.sha256))) {
    throw new ApiError("INTERNAL", `the stored bytes of this file (sha256 ${blob.sha256}) are missing; restore the file store`);
  }
  // Object storage with GATEHOUSE_STORAGE_REDIRECT sends the bytes itself (ranges included) from a
  // short-lived presigned URL, so the redirect must not be cached past it.
  const location = await blobs.downloadUrl?.(blob.sha256, { contentType: blob.contentType });
  if (location) return new Response(null, { status: 302, headers: { Location: location, "Cache-Control": "no-store" } });
  const ifRange = request.headers.get("if-range");
  const range = ifRange === null || ifRange.trim() === etag ? parseByteRange(request.headers.get("range"), blob.size) : { kind: "full" as const };
  const head = request.method === "HEAD";
  if (range.kind === "unsatisfiable") {
    return new Response(null, { status: 416, headers: { ...headers, "Content-Range": `bytes */${blob.size}` } });
  }
  if (range.kind === "partial") {
    headers["Content-Range"] = `bytes ${range.start}-${range.end}/${blob.size}`;
    headers["Content-Length"] = String(range.end - range.start + 1);
    const body = head ? null : toWebStream(blobs.open(blob.sha256, range));
    return new Response(body, { status: 206, headers });
  }
  headers["Content-Length"] = String(blob.size);
  // An empty file has no stream worth opening (and a zero-length range would be invalid).
  const body = head || blob.size === 0 ? null : toWebStream(blobs.open(blob.sha256));
  return new Response(body, { status: 200, headers });
}

function toWebStream(stream: Readable): ReadableStream<Uint8Array> {
  return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
}

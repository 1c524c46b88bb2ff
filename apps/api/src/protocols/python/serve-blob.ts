import { Readable } from "node:stream";
import type { BlobStore } from "@gatehouse/domain";
import { parseByteRange } from "./byte-range.js";

/** A stored file to send: its bytes' digest, size and how clients should treat it. */
export interface BlobToServe {
  sha256: string;
  size: number;
  contentType: string;
  /** `public` for public repos; `private` keeps shared caches from holding authenticated bytes. */
  cacheScope: "public" | "private";
}

function matchesEtag(header: string | null, etag: string): boolean {
  if (header === null) return false;
  return header === "*" || header.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
}

/**
 * Answers a download from the blob store, streaming (never buffering) the
 * bytes: 304 on a matching If-None-Match, 206 for one satisfiable Range
 * (honouring If-Range), 416 for an unsatisfiable one, else 200.
 */
export function serveBlob(blobs: BlobStore, blob: BlobToServe, request: Request): Response {
  // The content is addressed by its digest, so the digest is a perfect strong validator.
  const etag = `"${blob.sha256}"`;
  const headers: Record<string, string> = {
    "Content-Type": blob.contentType,
    ETag: etag,
    "Accept-Ranges": "bytes",
    "Cache-Control": `${blob.cacheScope}, max-age=31536000, immutable`,
  };
  if (matchesEtag(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  const ifRange = request.headers.get("if-range");
  const rangeHeader = ifRange === null || ifRange === etag ? (request.headers.get("range") ?? undefined) : undefined;
  const range = parseByteRange(rangeHeader, blob.size);
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

import { Readable } from "node:stream";
import type { BlobStore } from "@gatehouse/domain";
import { ApiError } from "../../http/api-error.js";
import { decideRange } from "./byte-range.js";

/** The stored file a download answers with. */
export interface BlobFile {
  sha256: string;
  size: number;
  contentType: string;
}

function matchesEtag(header: string | null, etag: string): boolean {
  return header !== null && (header.trim() === "*" || header.split(",").some((t) => t.trim().replace(/^W\//, "") === etag));
}

/**
 * Streams a stored file: strong ETag (its sha256), 304 on If-None-Match, Content-Length, single byte ranges
 * (206/416, honouring If-Range). The bytes are never buffered. HEAD gets the headers only.
 * @example return respondWithBlob(ctx.blobs, c.req.raw, { sha256, size, contentType: "application/x-gzip" })
 */
export async function respondWithBlob(blobs: BlobStore, request: Request, file: BlobFile): Promise<Response> {
  const etag = `"${file.sha256}"`;
  const headers: Record<string, string> = { "Content-Type": file.contentType, ETag: etag, "Accept-Ranges": "bytes", "Cache-Control": "no-cache" };
  if (matchesEtag(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  if (!(await blobs.stat(file.sha256))) {
    throw new ApiError("INTERNAL", `the stored bytes of this file (sha256 ${file.sha256}) are missing; restore the file store`);
  }
  const ifRange = request.headers.get("if-range");
  const range = ifRange === null || ifRange.trim() === etag ? decideRange(request.headers.get("range"), file.size) : { kind: "full" as const };
  const head = request.method === "HEAD";
  if (range.kind === "unsatisfiable") {
    return new Response(null, { status: 416, headers: { ...headers, "Content-Range": `bytes */${file.size}` } });
  }
  if (range.kind === "partial") {
    headers["Content-Range"] = `bytes ${range.start}-${range.end}/${file.size}`;
    headers["Content-Length"] = String(range.end - range.start + 1);
    const body = head ? null : (Readable.toWeb(blobs.open(file.sha256, range)) as ReadableStream<Uint8Array>);
    return new Response(body, { status: 206, headers });
  }
  headers["Content-Length"] = String(file.size);
  // An empty file needs no stream (and a ranged open of zero bytes is not expressible).
  const body = head || file.size === 0 ? null : (Readable.toWeb(blobs.open(file.sha256)) as ReadableStream<Uint8Array>);
  return new Response(body, { status: 200, headers });
}

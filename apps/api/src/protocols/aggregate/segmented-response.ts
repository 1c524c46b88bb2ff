import { type PageOptions, cachingHeaders } from "../cached-page.js";
import { matchesIfNoneMatch } from "../shared/etag.js";
import type { SegmentedDocument } from "./deflate-segments.js";

function acceptsGzip(acceptEncoding: string | null): boolean {
  return acceptEncoding !== null && /\bgzip\b/i.test(acceptEncoding) && !/\bgzip\s*;\s*q=0(?:\.0*)?\b/i.test(acceptEncoding);
}

function streamOf(parts: readonly Buffer[]): ReadableStream<Uint8Array> {
  let next = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const part = parts[next++];
      if (part) controller.enqueue(part);
      else controller.close();
    },
  });
}

/**
 * Answers like a cached page (ETag/304, gzip when accepted, `Vary: Accept-Encoding`) from a document
 * kept in pieces, streaming them as they are: after a change, a 40 MB repodata.json is served without
 * joining (and so allocating) 40 MB, which would cost more in garbage collection than the change itself.
 */
export function respondWithDocument(doc: SegmentedDocument, request: Request, head: boolean, contentType: string, options: PageOptions = {}): Response {
  const headers: Record<string, string> = {
    "Content-Type": contentType,
    ETag: doc.etag,
    ...cachingHeaders(options),
    Vary: options.private ? "Accept-Encoding, Authorization" : "Accept-Encoding",
  };
  if (matchesIfNoneMatch(request.headers.get("if-none-match"), doc.etag)) return new Response(null, { status: 304, headers });
  const gzip = doc.rawLength > 1024 && acceptsGzip(request.headers.get("accept-encoding"));
  if (gzip) headers["Content-Encoding"] = "gzip";
  headers["Content-Length"] = String(gzip ? doc.gzipLength : doc.rawLength);
  return new Response(head ? null : streamOf(gzip ? doc.gzip : doc.raw), { status: 200, headers });
}

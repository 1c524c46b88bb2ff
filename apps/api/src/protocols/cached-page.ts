import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";

/** A rendered index page kept in memory with its validators and a lazily made gzip copy. */
export interface CachedPage {
  body: Buffer;
  contentType: string;
  etag: string;
  /** Extra headers the page always carries (e.g. `Vary: Accept`). */
  headers: Record<string, string>;
  gzip: Buffer | null;
}

/** Wraps rendered bytes as a cacheable page (strong ETag from the content). */
export function makePage(body: string | Buffer, contentType: string, headers: Record<string, string> = {}): CachedPage {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  const etag = `"${createHash("sha256").update(bytes).digest("base64url").slice(0, 27)}"`;
  return { body: bytes, contentType, etag, headers, gzip: null };
}

function acceptsGzip(acceptEncoding: string | undefined): boolean {
  return acceptEncoding !== undefined && /\bgzip\b/i.test(acceptEncoding) && !/\bgzip\s*;\s*q=0(?:\.0*)?\b/i.test(acceptEncoding);
}

/**
 * Answers a request from a cached page: 304 on a matching If-None-Match, the
 * gzip copy (made once per page, never per request) when accepted.
 */
export function respondWithPage(page: CachedPage, request: Request, head = false): Response {
  const vary = page.headers.Vary ? `${page.headers.Vary}, Accept-Encoding` : "Accept-Encoding";
  const headers: Record<string, string> = { ...page.headers, "Content-Type": page.contentType, ETag: page.etag, Vary: vary, "Cache-Control": "no-cache" };
  const inm = request.headers.get("if-none-match");
  if (inm && (inm === "*" || inm.split(",").some((t) => t.trim().replace(/^W\//, "") === page.etag))) {
    return new Response(null, { status: 304, headers });
  }
  let body = page.body;
  if (page.body.length > 1024 && acceptsGzip(request.headers.get("accept-encoding") ?? undefined)) {
    page.gzip ??= gzipSync(page.body, { level: 6 });
    body = page.gzip;
    headers["Content-Encoding"] = "gzip";
  }
  headers["Content-Length"] = String(body.length);
  return new Response(head ? null : body, { status: 200, headers });
}

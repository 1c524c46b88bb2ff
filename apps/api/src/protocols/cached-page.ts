import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { matchesIfNoneMatch } from "./shared/etag.js";

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

// Pages of these types are compressed already (PACKAGES.gz; PACKAGES.rds is gzipped R serialization).
const COMPRESSED_TYPES = new Set(["application/gzip", "application/x-gzip", "application/octet-stream"]);

/** Whether a page's bytes are already compressed, so they are sent as they are. */
export function isCompressedPage(page: CachedPage): boolean {
  return COMPRESSED_TYPES.has(page.contentType.split(";")[0]?.trim().toLowerCase() ?? "");
}

function acceptsGzip(acceptEncoding: string | undefined): boolean {
  return acceptEncoding !== undefined && /\bgzip\b/i.test(acceptEncoding) && !/\bgzip\s*;\s*q=0(?:\.0*)?\b/i.test(acceptEncoding);
}

/**
 * Answers a request from a cached page: 304 on a matching If-None-Match, the
 * gzip copy (made once per page, never per request) when accepted. Already
 * compressed pages go as they are, with no Content-Encoding, so no client
 * unpacks them on the way.
 * @example return respondWithPage(page, c.req.raw, c.req.method === "HEAD")
 */
export function respondWithPage(page: CachedPage, request: Request, head = false): Response {
  const compressed = isCompressedPage(page);
  const headers: Record<string, string> = { ...page.headers, "Content-Type": page.contentType, ETag: page.etag, "Cache-Control": "no-cache" };
  if (!compressed) headers.Vary = page.headers.Vary ? `${page.headers.Vary}, Accept-Encoding` : "Accept-Encoding";
  if (matchesIfNoneMatch(request.headers.get("if-none-match"), page.etag)) return new Response(null, { status: 304, headers });
  let body = page.body;
  if (!compressed && page.body.length > 1024 && acceptsGzip(request.headers.get("accept-encoding") ?? undefined)) {
    page.gzip ??= gzipSync(page.body, { level: 6 });
    body = page.gzip;
    headers["Content-Encoding"] = "gzip";
  }
  headers["Content-Length"] = String(body.length);
  return new Response(head ? null : body, { status: 200, headers });
}

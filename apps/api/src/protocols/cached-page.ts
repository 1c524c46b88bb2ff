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

/** The parts of a request a cached page's answer depends on. */
export interface PageRequest {
  ifNoneMatch: string | null | undefined;
  acceptEncoding: string | null | undefined;
  head: boolean;
}

/** How a page may be cached on the way: `private` for pages only their viewer may see (authenticated repos, private packages). */
export interface PageOptions {
  private?: boolean;
}

/** The whole answer to one request of a cached page. Shared between requests: never mutate it. */
export interface PageAnswer {
  status: 200 | 304;
  headers: Readonly<Record<string, string>>;
  body: Buffer | null;
}

/** Wraps rendered bytes as a cacheable page (strong ETag from the content). */
export function makePage(body: string | Buffer, contentType: string, headers: Record<string, string> = {}): CachedPage {
  const bytes = typeof body === "string" ? ownBuffer(body) : body;
  const etag = `"${createHash("sha256").update(bytes).digest("base64url").slice(0, 27)}"`;
  return { body: bytes, contentType, etag, headers, gzip: null };
}

/**
 * The text's bytes in memory of their own: `Buffer.from` cuts small strings out
 * of shared 8 KiB slabs, and a page kept for hours would keep its whole slab
 * (and the garbage around it) alive — tens of MiB over 20,000 cached pages.
 */
function ownBuffer(text: string): Buffer {
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text, "utf8"));
  bytes.write(text, 0, "utf8");
  return bytes;
}

// Pages of these types are compressed already (PACKAGES.gz; PACKAGES.rds is gzipped R serialization).
const COMPRESSED_TYPES = new Set(["application/gzip", "application/x-gzip", "application/octet-stream"]);

/** Whether a page's bytes are already compressed, so they are sent as they are. */
export function isCompressedPage(page: CachedPage): boolean {
  return COMPRESSED_TYPES.has(page.contentType.split(";")[0]?.trim().toLowerCase() ?? "");
}

function acceptsGzip(acceptEncoding: string | null | undefined): boolean {
  return typeof acceptEncoding === "string" && /\bgzip\b/i.test(acceptEncoding) && !/\bgzip\s*;\s*q=0(?:\.0*)?\b/i.test(acceptEncoding);
}

/** Cache-Control of an index page: every client revalidates, and a private one is never kept by a shared cache. */
export function cachingHeaders(options: PageOptions): { "Cache-Control": string } {
  return { "Cache-Control": options.private ? "private, no-cache" : "no-cache" };
}

const NOT_MODIFIED = 1;
const GZIP = 2;
const HEAD = 4;
const PRIVATE = 8;

// Every answer a page can give is built once and then shared, so a hit allocates nothing.
const answers = new WeakMap<CachedPage, Map<number, PageAnswer>>();

function buildAnswer(page: CachedPage, variant: number): PageAnswer {
  const compressed = isCompressedPage(page);
  const headers: Record<string, string> = { ...page.headers, "Content-Type": page.contentType, ETag: page.etag, ...cachingHeaders(variant & PRIVATE ? { private: true } : {}) };
  // A private page differs by credentials: a cache that ignores Cache-Control: private still keys it by them.
  const vary = [page.headers.Vary, compressed ? undefined : "Accept-Encoding", variant & PRIVATE ? "Authorization" : undefined].filter((v) => v !== undefined);
  if (vary.length > 0) headers.Vary = vary.join(", ");
  if (variant & NOT_MODIFIED) return { status: 304, headers, body: null };
  let body = page.body;
  if (variant & GZIP) {
    page.gzip ??= gzipSync(page.body, { level: 6 });
    body = page.gzip;
    headers["Content-Encoding"] = "gzip";
  }
  headers["Content-Length"] = String(body.length);
  return { status: 200, headers, body: variant & HEAD ? null : body };
}

/**
 * The answer to a request of a cached page: 304 on a matching If-None-Match,
 * the gzip copy (made once per page, never per request) when accepted. Already
 * compressed pages go as they are, with no Content-Encoding, so no client
 * unpacks them on the way. The server's fast path and the routes both answer
 * with this, so they cannot differ.
 * @example answerPage(page, { ifNoneMatch: null, acceptEncoding: "gzip", head: false }).status // 200
 */
export function answerPage(page: CachedPage, request: PageRequest, options: PageOptions = {}): PageAnswer {
  let variant = options.private ? PRIVATE : 0;
  if (matchesIfNoneMatch(request.ifNoneMatch, page.etag)) variant |= NOT_MODIFIED;
  else {
    if (!isCompressedPage(page) && page.body.length > 1024 && acceptsGzip(request.acceptEncoding)) variant |= GZIP;
    if (request.head) variant |= HEAD;
  }
  let byVariant = answers.get(page);
  if (!byVariant) {
    byVariant = new Map();
    answers.set(page, byVariant);
  }
  let answer = byVariant.get(variant);
  if (!answer) {
    answer = buildAnswer(page, variant);
    byVariant.set(variant, answer);
  }
  return answer;
}

/**
 * Answers a request from a cached page (see answerPage) as a fetch Response.
 * @example return respondWithPage(page, c.req.raw, c.req.method === "HEAD")
 */
export function respondWithPage(page: CachedPage, request: Request, head = false, options: PageOptions = {}): Response {
  const answer = answerPage(page, { ifNoneMatch: request.headers.get("if-none-match"), acceptEncoding: request.headers.get("accept-encoding"), head }, options);
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

import type { CachedPage } from "../cached-page.js";

/**
 * Answers with a cached page whose bytes are already compressed (`PACKAGES.gz`, `PACKAGES.rds`): the bytes
 * as they are, never re-encoded (no Content-Encoding, so no client unpacks them on the way), with ETag/304.
 * @example return respondPrecompressed(index.gz, c.req.raw)
 */
export function respondPrecompressed(page: CachedPage, request: Request): Response {
  const headers: Record<string, string> = { ...page.headers, "Content-Type": page.contentType, ETag: page.etag, "Cache-Control": "no-cache" };
  const inm = request.headers.get("if-none-match");
  if (inm && (inm.trim() === "*" || inm.split(",").some((t) => t.trim().replace(/^W\//, "") === page.etag))) {
    return new Response(null, { status: 304, headers });
  }
  headers["Content-Length"] = String(page.body.length);
  return new Response(request.method === "HEAD" ? null : page.body, { status: 200, headers });
}

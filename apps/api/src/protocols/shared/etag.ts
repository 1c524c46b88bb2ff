/**
 * Whether an `If-None-Match` header names `etag` (or is `*`). Weak tags match too: RFC 9110 §13.1.2
 * compares them weakly for this header.
 * @example matchesIfNoneMatch('W/"abc", "def"', '"abc"') // true
 */
export function matchesIfNoneMatch(header: string | null | undefined, etag: string): boolean {
  if (!header) return false;
  return header.trim() === "*" || header.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
}

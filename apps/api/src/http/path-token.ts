/** A request path with any `/t/<token>` segment taken out. */
export interface StrippedPath {
  path: string;
  token: string | undefined;
  /** The original path with the token replaced by `<redacted>`, for logs. */
  redacted: string;
}

/**
 * Takes a `/t/<token>` segment out of a path wherever it appears (conda clients
 * move it around), so routing never sees the token and logs never print it.
 *
 * @example
 * stripPathToken("/t/gth-abc/conda/noarch/repodata.json")
 * // { path: "/conda/noarch/repodata.json", token: "gth-abc", redacted: "/t/<redacted>/conda/noarch/repodata.json" }
 */
export function stripPathToken(path: string): StrippedPath {
  // Leading `/t/<anything>/`, or `/t/gth-…/` deeper in the path: a project may be named "t".
  const marker = path.startsWith("/t/") ? 0 : path.indexOf("/t/gth-");
  if (marker < 0) return { path, token: undefined, redacted: path };
  const start = marker + 3;
  const end = path.indexOf("/", start);
  const token = decodeLeniently(end < 0 ? path.slice(start) : path.slice(start, end));
  if (!token) return { path, token: undefined, redacted: path };
  const rest = end < 0 ? "/" : path.slice(end);
  const before = path.slice(0, marker);
  // A second token segment is refused (holdsSecondPathToken), and must not reach the logs either.
  const shown = holdsSecondPathToken(rest) ? redactTokens(rest) : rest;
  return { path: `${before}${rest}` || "/", token, redacted: `${before}/t/<redacted>${shown}` };
}

/**
 * Whether a path, its first `/t/<token>/` segment already taken out, holds another: a leading
 * `/t/` (no repo may be named `t`) or a `/t/gth-…` segment anywhere.
 *
 * @example holdsSecondPathToken(stripPathToken("/t/gth-a/t/gth-b/conda/noarch/repodata.json").path) // true
 */
export function holdsSecondPathToken(path: string): boolean {
  return path.startsWith("/t/") || path.includes("/t/gth-");
}

/**
 * A segment decoded, or kept as sent when its `%` escapes are malformed: no
 * token contains a `%`, so such a token simply fails verification (401)
 * instead of the decoding failing the request with a 500.
 */
function decodeLeniently(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Replaces every `/t/<token>` segment of a path or URL with `/t/<redacted>`. */
export function redactTokens(text: string): string {
  return text.replace(/\/t\/[^/?#\s]+/g, "/t/<redacted>").replace(/gth-[A-Za-z0-9]{46}/g, "gth-<redacted>");
}

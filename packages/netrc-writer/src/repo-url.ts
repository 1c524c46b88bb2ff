import { validateNetrcValue } from "./netrc-value.js";
import { fail, ok, type Result } from "./result.js";

const TOKEN_SEGMENT = /\/t\/[^/]+(?=\/|$)/g;

/** Hides a `/t/<token>/` segment so a URL can appear in messages. */
export function redactUrl(url: string): string {
  return url.replace(TOKEN_SEGMENT, "/t/<redacted>");
}

/** Removes a `/t/<token>/` segment from a URL path (conda-style credentials). */
export function stripTokenSegment(url: URL): URL {
  const copy = new URL(url.href);
  copy.pathname = copy.pathname.replace(TOKEN_SEGMENT, "") || "/";
  return copy;
}

/**
 * Parses a repository URL; a missing scheme means https. Only http(s) without credentials is accepted.
 * @example
 * parseRepoUrl("http://127.0.0.1:4242/pypi/latest/simple/"); // ok(URL)
 */
export function parseRepoUrl(input: string): Result<URL> {
  const trimmed = input.trim();
  const shown = redactUrl(trimmed);
  if (trimmed.length === 0) return fail("URL_INVALID", "The repository URL is empty.");
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return fail("URL_INVALID", `"${shown}" is not a valid URL; give one like http://host:4242/pypi/latest/simple/.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return fail("URL_INVALID", `"${shown}" uses ${url.protocol.slice(0, -1)}; package clients need http or https.`);
  }
  if (url.username !== "" || url.password !== "") {
    return fail("URL_INVALID", "The URL carries a user name or password; pass the token separately instead.");
  }
  if (url.hostname === "") return fail("URL_INVALID", `"${shown}" has no host name.`);
  return ok(url);
}

/**
 * Returns the netrc host of a URL: no scheme, port or path, lower-cased (Posit's rule).
 * @example
 * hostFromUrl("https://PKG.example.com:8443/pypi/latest/simple/"); // ok("pkg.example.com")
 */
export function hostFromUrl(input: string): Result<string> {
  const url = parseRepoUrl(input);
  if (!url.ok) return url;
  // URL keeps IPv6 brackets; curl compares netrc hosts without them.
  const host = url.value.hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  return validateNetrcValue(host, "host");
}

import { ApiError } from "../http/api-error.js";

/** Where a presented token came from. */
export type CredentialSource = "basic" | "bearer" | "path";

/** A token presented with a request. */
export interface PresentedCredential {
  token: string;
  source: CredentialSource;
}

/**
 * Several Authorization headers reach the app joined by ", " (Node's rawHeaders through Fetch
 * Headers), and no credential holds a comma (base64 and tokens have none): each part is read, and
 * different tokens in them are refused like a header and a path token that differ.
 */
function fromAuthorization(header: string | undefined): PresentedCredential | null {
  if (!header?.includes(",")) return fromOneAuthorization(header);
  const parts = header
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
  const credentials = parts.map(fromOneAuthorization);
  const first = credentials[0] ?? null;
  if (credentials.some((c) => c?.token !== first?.token)) {
    throw new ApiError("CREDENTIALS_CONFLICT", "two different credentials in one request: send one Authorization header with one token");
  }
  return first;
}

function fromOneAuthorization(header: string | undefined): PresentedCredential | null {
  if (!header) return null;
  const space = header.indexOf(" ");
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  const value = space < 0 ? "" : header.slice(space + 1).trim();
  if (scheme === "bearer" || scheme === "token") {
    if (!value) throw new ApiError("BAD_REQUEST", "empty Bearer credentials");
    return { token: value, source: "bearer" };
  }
  if (scheme === "basic") {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    const login = colon < 0 ? decoded : decoded.slice(0, colon);
    const password = colon < 0 ? "" : decoded.slice(colon + 1);
    // The documented login is __token__, but any login is accepted; a token given
    // as the login with an empty password is accepted too (curl -u TOKEN:).
    const token = password || login;
    if (!token) throw new ApiError("BAD_REQUEST", "empty Basic credentials");
    return { token, source: "basic" };
  }
  throw new ApiError("BAD_REQUEST", `unsupported Authorization scheme '${scheme}': use Basic or Bearer`);
}

/**
 * The one token a request presents, from the Authorization header or a
 * `/t/<token>/` path segment. Two different tokens in one request are refused.
 */
export function extractCredential(authorization: string | undefined, pathToken: string | undefined): PresentedCredential | null {
  const header = fromAuthorization(authorization);
  const path = pathToken ? { token: pathToken, source: "path" as const } : null;
  if (header && path && header.token !== path.token) {
    throw new ApiError("CREDENTIALS_CONFLICT", "two different credentials in one request: send the token once (header or /t/<token>/)");
  }
  return header ?? path;
}

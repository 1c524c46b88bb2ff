import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env.js";
import { ApiError } from "../http/api-error.js";
import { holdsSecondPathToken } from "../http/path-token.js";

/** Why a request URL cannot be routed, or undefined when it can. */
export function findUrlProblem(url: string): string | undefined {
  const { pathname, search } = new URL(url);
  for (const segment of pathname.split("/")) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return `the path segment '${segment}' holds a malformed %-escape (a '%' must be followed by two hex digits of valid UTF-8)`;
    }
    if (decoded.includes("\0")) return "the path holds a NUL byte (%00), which no name may contain";
  }
  // Query values are decoded leniently by the router; only a NUL would reach (and break) the database.
  if (/%00/.test(search)) return "the query string holds a NUL byte (%00), which no value may contain";
  return undefined;
}

/**
 * Refuses, with 400 BAD_REQUEST, a URL whose path cannot be decoded (a
 * malformed `%` escape) or that carries a NUL byte, once for every route, so
 * no handler decodes a path and fails with a 500.
 *
 * @example
 * app.use("*", refuseMalformedUrls());
 */
export function refuseMalformedUrls(): MiddlewareHandler<AppEnv> {
  return async function refuseMalformedUrl(c, next) {
    const problem = findUrlProblem(c.req.url);
    if (problem) throw new ApiError("BAD_REQUEST", problem);
    // Routed as it is, the second segment would read as a repo named "t": a 404 that hides the mistake.
    if (c.env?.pathToken !== undefined && holdsSecondPathToken(c.req.path)) {
      throw new ApiError("CREDENTIALS_CONFLICT", "the path holds more than one /t/<token>/ segment: put the token in the URL once");
    }
    return next();
  };
}

import { randomUUID } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { AppBindings, AppEnv } from "../app-env.js";

/** On every answer to a token expiring within 7 days: when it expires (RFC 3339), so clients can warn. */
export const TOKEN_EXPIRES_HEADER = "Gatehouse-Token-Expires";

/** The response header (and accepted request header) naming a request in the access log and the audit log. */
export const REQUEST_ID_HEADER = "X-Request-Id";

// A proxy's id is kept when it is short and plain (no spaces, quotes or control characters to
// forge log lines with); anything shaped like a token is replaced, so no secret reaches a log.
const SANE_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;
const TOKEN_LIKE = /gth-[A-Za-z0-9]{20,}/;

/**
 * The request's id: a sane incoming `X-Request-Id` (a proxy's), else a new UUID.
 *
 * @example requestIdOf("abc-123") // "abc-123"; requestIdOf("bad id\n") // a fresh UUID
 */
export function requestIdOf(incoming: string | undefined): string {
  if (incoming && SANE_ID.test(incoming) && !TOKEN_LIKE.test(incoming)) return incoming;
  return randomUUID();
}

/** Gives every request an id, kept in the bindings for the access log and the audit log. */
export function requestId(): MiddlewareHandler<AppEnv> {
  return async function assignRequestId(c, next) {
    if (c.env) c.env.requestId = requestIdOf(c.req.header(REQUEST_ID_HEADER));
    await next();
  };
}

/**
 * Adds the request's id and any token expiry warning to the final answer. Done on the response
 * `hono.fetch` returns, not in middleware: Hono rebuilds a HEAD answer from the GET one's
 * original headers, which would drop headers middleware set afterwards.
 */
export function finishHeaders(res: Response, env: AppBindings): Response {
  try {
    if (env.requestId) res.headers.set(REQUEST_ID_HEADER, env.requestId);
    if (env.tokenExpires) res.headers.set(TOKEN_EXPIRES_HEADER, env.tokenExpires);
  } catch {
    // A response with immutable headers (passed through as is) is answered without them.
  }
  return res;
}

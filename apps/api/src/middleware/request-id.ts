import { randomUUID } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env.js";

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

/** Gives every request an id (kept in the bindings for the logs) and answers it in `X-Request-Id`. */
export function requestId(): MiddlewareHandler<AppEnv> {
  return async function assignRequestId(c, next) {
    const id = requestIdOf(c.req.header(REQUEST_ID_HEADER));
    if (c.env) c.env.requestId = id;
    await next();
    try {
      c.res.headers.set(REQUEST_ID_HEADER, id);
    } catch {
      // A response with immutable headers (passed through as is) is answered without the id.
    }
  };
}

import { ANONYMOUS_ACTOR, type Actor, AuthFailureAuditor, LOCAL_ACTOR, isExpiringSoon } from "@gatehouse/domain";
import type { MiddlewareHandler } from "hono";
import type { AppDeps, AppEnv } from "../app-env.js";
import { ApiError } from "../http/api-error.js";
import { realmOf } from "../http/realm.js";
import { extractCredential } from "./credentials.js";

export { TOKEN_EXPIRES_HEADER } from "./request-id.js";

/** The one body every refused token gets, whatever the reason (unknown, malformed, expired, revoked). */
export const INVALID_TOKEN_MESSAGE = "invalid or expired token";

/**
 * The `Gatehouse-Token-Expires` value for an actor whose token expires within 7 days, else undefined.
 * @example expiryWarning(actor, new Date()) // "2026-03-04T00:00:00.000Z"
 */
export function expiryWarning(actor: Actor, now: Date): string | undefined {
  if (actor.kind !== "token" || !actor.expiresAt || !isExpiringSoon(actor.expiresAt, now)) return undefined;
  return actor.expiresAt.toISOString();
}

/**
 * Sets `actor` for every request: local (admin socket), a verified token, or
 * anonymous. A presented token that fails verification is answered 401 at once
 * (429 once the address has failed too often).
 */
export function authenticate(deps: Pick<AppDeps, "verifier" | "limiter" | "domain" | "authFailures">): MiddlewareHandler<AppEnv> {
  // One row per address per window past the first few, so a flood of bad tokens is not a flood of inserts.
  const failures = deps.authFailures ?? new AuthFailureAuditor(deps.domain);
  return async function authenticateRequest(c, next) {
    if (c.env?.local) {
      c.set("actor", LOCAL_ACTOR);
      return next();
    }
    const credential = extractCredential(c.req.header("authorization"), c.env?.pathToken);
    if (!credential) {
      c.set("actor", ANONYMOUS_ACTOR);
      return next();
    }
    const result = await deps.verifier.verify(credential.token);
    if (result.ok) {
      c.set("actor", result.actor);
      // The app's fetch adds the header to the final answer (see finishHeaders).
      const expires = expiryWarning(result.actor, deps.domain.now());
      if (expires && c.env) c.env.tokenExpires = expires;
      return next();
    }
    const address = c.env?.address ?? "unknown";
    const retryAfter = deps.limiter.recordFailure(address);
    // Fire and forget: a failing audit write must not turn a 401 into a 500, nor slow a flood of bad tokens.
    void failures.record({
      reason: result.reason,
      via: credential.source,
      target: c.env?.redactedPath ?? c.req.path,
      address,
      ...("token" in result ? { token: result.token } : {}),
      requestId: c.env?.requestId ?? null,
    }).catch(() => undefined);
    if (retryAfter > 0) {
      throw new ApiError("RATE_LIMITED", `too many failed authentications; retry in ${retryAfter}s`, {
        "Retry-After": String(retryAfter),
      });
    }
    throw new ApiError("UNAUTHENTICATED", INVALID_TOKEN_MESSAGE, {
      "WWW-Authenticate": `Basic realm="${realmOf(c.req.path)}"`,
    });
  };
}

import { revokeLeakedToken } from "@gatehouse/domain";
import { ops } from "@gatehouse/api-contract";
import type { Context, Hono } from "hono";
import type { AppDeps, AppEnv } from "../../app-env.js";
import { ApiError } from "../../http/api-error.js";
import { contractRoutes } from "../../http/contract-route.js";
import { FailureLimiter } from "../../middleware/failure-limiter.js";

/** Reports per client address per minute; GitHub's secret scanning sends a batch per request. */
export const LEAK_REPORTS_PER_MINUTE = 20;

/**
 * `POST /__api__/tokens/revoke-leaked`: anyone holding a token may revoke it (SPEC §3), with no
 * credentials of their own. The answer is the same whether the token existed, was already revoked
 * or is malformed, so the endpoint cannot tell anyone whether a string is a live token.
 */
export function revokeLeakedRoute(app: Hono<AppEnv>, deps: Pick<AppDeps, "domain">, limiter = new FailureLimiter(LEAK_REPORTS_PER_MINUTE, 60_000)): void {
  const limit = (c: Context<AppEnv>): void => {
    const retryAfter = limiter.recordFailure(c.env?.address ?? "unknown");
    if (retryAfter > 0) {
      throw new ApiError("RATE_LIMITED", `too many leaked-token reports from this address; retry in ${retryAfter}s`, { "Retry-After": String(retryAfter) });
    }
  };
  contractRoutes(app, "/__api__/tokens")(ops.tokens.revokeLeaked, async (c, { body }) => {
    const reports = Array.isArray(body) ? body : [body];
    const meta = { address: c.env?.address ?? null, requestId: c.env?.requestId ?? null };
    for (const report of reports) await revokeLeakedToken(deps.domain, report.token, meta);
    c.header("Cache-Control", "no-store");
    return { status: "accepted" as const, received: reports.length };
  }, { before: limit });
}

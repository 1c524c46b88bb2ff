import { revokeLeakedToken } from "@gatehouse/domain";
import type { Hono } from "hono";
import { z } from "zod";
import type { AppDeps, AppEnv } from "../../app-env.js";
import { ApiError } from "../../http/api-error.js";
import { documentOperation } from "../../http/openapi-registry.js";
import { parseJsonBody } from "../../http/parse-body.js";
import { FailureLimiter } from "../../middleware/failure-limiter.js";

/** Reports per client address per minute; GitHub's secret scanning sends a batch per request. */
export const LEAK_REPORTS_PER_MINUTE = 20;
const MAX_TOKENS_PER_REPORT = 100;

const leaked = z.object({ token: z.string().max(1000, "at most 1000 characters") }).passthrough();
// One token as `{"token": …}`, or GitHub's secret-scanning partner batch `[{"token": …, "type": …, "url": …}]`.
const reportBody = z.union([leaked, z.array(leaked).min(1, "at least one token").max(MAX_TOKENS_PER_REPORT, `at most ${MAX_TOKENS_PER_REPORT} tokens`)]);
const accepted = z.object({ status: z.literal("accepted"), received: z.number() });

/**
 * `POST /__api__/tokens/revoke-leaked`: anyone holding a token may revoke it (SPEC §3), with no
 * credentials of their own. The answer is the same whether the token existed, was already revoked
 * or is malformed, so the endpoint cannot tell anyone whether a string is a live token.
 */
export function revokeLeakedRoute(app: Hono<AppEnv>, deps: Pick<AppDeps, "domain">, limiter = new FailureLimiter(LEAK_REPORTS_PER_MINUTE, 60_000)): void {
  documentOperation({ method: "post", path: "/__api__/tokens/revoke-leaked", tag: "tokens", summary: "Revoke a leaked token (no credentials needed: holding it is the proof); always 202", body: reportBody, response: accepted, success: 202, scopes: "none" });
  app.post("/revoke-leaked", async (c) => {
    const address = c.env?.address ?? "unknown";
    const retryAfter = limiter.recordFailure(address);
    if (retryAfter > 0) {
      throw new ApiError("RATE_LIMITED", `too many leaked-token reports from this address; retry in ${retryAfter}s`, { "Retry-After": String(retryAfter) });
    }
    const body = await parseJsonBody(c, reportBody);
    const reports = Array.isArray(body) ? body : [body];
    const meta = { address: c.env?.address ?? null, requestId: c.env?.requestId ?? null };
    for (const report of reports) await revokeLeakedToken(deps.domain, report.token, meta);
    c.header("Cache-Control", "no-store");
    return c.json({ status: "accepted" as const, received: reports.length }, 202);
  });
}

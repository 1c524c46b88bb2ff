import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import type { Logger } from "pino";
import type { AppEnv } from "../app-env.js";
import type { Metrics } from "../http/metrics.js";
import { redactTokens } from "../http/path-token.js";

function familyOf(path: string): string {
  if (path.startsWith("/__api__/")) return "api";
  if (path.startsWith("/__admin__")) return "admin";
  if (path === "/healthz" || path === "/metrics") return "system";
  return "repo";
}

/**
 * The route template that answered (`/__api__/tokens/:id`, `/:repo/*`), never the path itself, so
 * a label can hold no token, repo or package name and has as many values as there are routes.
 */
export function routeTemplateOf(c: Context<AppEnv>): string {
  // After the chain has run, routeIndex points at the last handler that ran: the one that answered.
  const answered = matchedRoutes(c)[c.req.routeIndex];
  return answered && answered.path !== "*" && answered.path !== "/*" ? answered.path : "unmatched";
}

/** Logs one line per request, with every token redacted, and counts it. */
export function accessLog(logger: Logger, metrics: Metrics): MiddlewareHandler<AppEnv> {
  return async function logAccess(c, next) {
    const start = performance.now();
    await next();
    const status = c.res.status;
    metrics.inc("gatehouse_http_requests_total", { family: familyOf(c.req.path), route: routeTemplateOf(c), method: c.req.method, status: `${Math.floor(status / 100)}xx` });
    if (!logger.isLevelEnabled("info")) return;
    const actor = c.get("actor");
    logger.info({
      method: c.req.method,
      path: redactTokens(c.env?.redactedPath ?? c.req.path),
      status,
      ms: Math.round((performance.now() - start) * 10) / 10,
      actor: actor?.kind === "token" ? `${actor.userName} ${actor.display}` : (actor?.kind ?? "anonymous"),
      address: c.env?.address,
      requestId: c.env?.requestId,
    });
  };
}

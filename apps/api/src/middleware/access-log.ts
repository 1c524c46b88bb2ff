import type { MiddlewareHandler } from "hono";
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

/** Logs one line per request, with every token redacted, and counts it. */
export function accessLog(logger: Logger, metrics: Metrics): MiddlewareHandler<AppEnv> {
  return async function logAccess(c, next) {
    const start = performance.now();
    await next();
    const status = c.res.status;
    metrics.inc("gatehouse_http_requests_total", { family: familyOf(c.req.path), status: `${Math.floor(status / 100)}xx` });
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

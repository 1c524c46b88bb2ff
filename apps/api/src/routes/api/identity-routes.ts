import { ops } from "@gatehouse/api-contract";
import { explainAccess, listAuditEvents, whoAmI } from "@gatehouse/domain";
import { parseResource } from "@gatehouse/scope-engine";
import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../../app-env.js";
import { ApiError } from "../../http/api-error.js";
import { contractRoutes } from "../../http/contract-route.js";

/** `/__api__/whoami`, `/__api__/authorize/explain`, `/__api__/audit`. */
export function identityRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const on = contractRoutes(app, "/__api__");

  on(ops.account.whoami, async (c) => whoAmI(deps.domain, c.get("actor")));

  on(ops.account.explain, async (c, { body }) => {
    const resource = parseResource(body.resource);
    if (!resource.ok) throw new ApiError("INVALID_INPUT", resource.error.message, {}, "resource");
    const subject = body.token ? { token: body.token } : body.guid ? { guid: body.guid } : { self: true as const };
    return explainAccess(deps.domain, c.get("actor"), subject, body.action, resource.value);
  });

  on(ops.system.audit, async (c, { query: q }) => {
    const filter = {
      ...(q.limit ? { limit: q.limit } : {}),
      ...(q.action ? { action: q.action } : {}),
      ...(q.actor ? { actor: q.actor } : {}),
      ...(q.since ? { since: new Date(q.since) } : {}),
      ...(q.until ? { until: new Date(q.until) } : {}),
      ...(q.target ? { target: q.target } : {}),
    };
    return { events: await listAuditEvents(deps.domain, c.get("actor"), filter) };
  });

  return app;
}

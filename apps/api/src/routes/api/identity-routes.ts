import { explainAccess, listAuditEvents, whoAmI } from "@gatehouse/domain";
import { parseResource } from "@gatehouse/scope-engine";
import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps, AppEnv } from "../../app-env.js";
import { ApiError } from "../../http/api-error.js";
import { documentOperation } from "../../http/openapi-registry.js";
import { parseJsonBody, parseWith } from "../../http/parse-body.js";
import { strictFields } from "./strict-body.js";

const whoami = z.object({
  authenticated: z.boolean(),
  kind: z.enum(["token", "local", "anonymous"]),
  user: z.string().nullable(),
  token: z
    .object({ guid: z.string(), display: z.string(), name: z.string().nullable(), scopes: z.array(z.string()), repos: z.unknown(), sources: z.unknown(), expiresAt: z.string().nullable(), expiresSoon: z.boolean() })
    .passthrough()
    .nullable(),
});

const explainBody = z.object({
  token: z.string().optional(),
  guid: z.string().optional(),
  action: z.string().min(1, "an action is required, e.g. repo:read"),
  resource: z.string().default("").describe("repo:NAME, source:NAME, or empty for global actions"),
});

const isoInstant = z.iso
  .datetime({ offset: true, message: "use an ISO 8601 time such as 2026-03-01T00:00:00Z or a date 2026-03-01" })
  .or(z.iso.date());

const auditQuery = strictFields({
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  action: z.string().optional().describe("an action or its start: token matches token.create and token.revoke"),
  actor: z.string().optional().describe("local, anonymous, a user name or a token's display form"),
  since: isoInstant.optional(),
  until: isoInstant.optional().describe("only events before this time"),
  target: z.string().optional().describe("what was acted on, or its start: token: matches every token, /pypi/ every path under it"),
});

/** `/__api__/whoami`, `/__api__/authorize/explain`, `/__api__/audit`. */
export function identityRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  documentOperation({ method: "get", path: "/__api__/whoami", tag: "identity", summary: "Who the presented credentials are", response: whoami });
  app.get("/whoami", async (c) => c.json(await whoAmI(deps.domain, c.get("actor"))));

  documentOperation({ method: "post", path: "/__api__/authorize/explain", tag: "identity", summary: "Explain whether a token may do an action on a resource", body: explainBody, scopes: "any token for itself; global:admin for others" });
  app.post("/authorize/explain", async (c) => {
    const body = await parseJsonBody(c, explainBody);
    const resource = parseResource(body.resource);
    if (!resource.ok) throw new ApiError("INVALID_INPUT", resource.error.message, {}, "resource");
    const subject = body.token ? { token: body.token } : body.guid ? { guid: body.guid } : { self: true as const };
    return c.json(await explainAccess(deps.domain, c.get("actor"), subject, body.action, resource.value));
  });

  documentOperation({ method: "get", path: "/__api__/audit", tag: "identity", summary: "Recent audit events, newest first", query: auditQuery, scopes: "global:admin or api:read" });
  app.get("/audit", async (c) => {
    const q = parseWith(auditQuery, c.req.query());
    const filter = {
      ...(q.limit ? { limit: q.limit } : {}),
      ...(q.action ? { action: q.action } : {}),
      ...(q.actor ? { actor: q.actor } : {}),
      ...(q.since ? { since: new Date(q.since) } : {}),
      ...(q.until ? { until: new Date(q.until) } : {}),
      ...(q.target ? { target: q.target } : {}),
    };
    return c.json({ events: await listAuditEvents(deps.domain, c.get("actor"), filter) });
  });

  return app;
}

import { ops } from "@gatehouse/api-contract";
import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../../app-env.js";
import { contractRoutes } from "../../http/contract-route.js";

/** `/__api__/sources/:source/sync` and `/upstream-projects`: eager mirroring of remote sources (`gatehouse sync`). */
export function syncRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const on = contractRoutes(app, "/__api__");
  const { catalog } = deps.domain;

  on(ops.sources.sync, async (c, { params, body }) => catalog.syncProject(c.get("actor"), params.source, body.project, { dryRun: body.dryRun ?? false }));
  on(ops.sources.upstreamProjects, async (c, { params }) => ({ projects: await catalog.upstreamProjects(c.get("actor"), params.source) }));
  return app;
}

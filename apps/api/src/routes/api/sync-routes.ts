import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps, AppEnv } from "../../app-env.js";
import { documentOperation } from "../../http/openapi-registry.js";
import { parseJsonBody } from "../../http/parse-body.js";
import { strictBody } from "./strict-body.js";

const syncBody = strictBody({
  project: z.string().min(1, "project is required: the upstream project to mirror"),
  dryRun: z.boolean().optional().describe("count what would be fetched, fetch nothing"),
});
const syncResult = z.object({
  project: z.string(),
  files: z.number(),
  fetched: z.number(),
  present: z.number(),
  bytes: z.number(),
  failed: z.array(z.object({ filename: z.string(), error: z.string() })),
});

/** `/__api__/sources/:source/sync` and `/upstream-projects`: eager mirroring of remote sources (`gatehouse sync`). */
export function syncRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { catalog } = deps.domain;

  documentOperation({ method: "post", path: "/__api__/sources/:source/sync", tag: "sources", summary: "Mirror one project of a remote source now (read its upstream page, fetch and verify every file not stored yet)", body: syncBody, response: syncResult, scopes: "global:admin or api:write" });
  app.post("/sources/:source/sync", async (c) => {
    const body = await parseJsonBody(c, syncBody);
    return c.json(await catalog.syncProject(c.get("actor"), c.req.param("source"), body.project, { dryRun: body.dryRun ?? false }));
  });

  documentOperation({ method: "get", path: "/__api__/sources/:source/upstream-projects", tag: "sources", summary: "Projects the remote source's upstream lists", response: z.object({ projects: z.array(z.string()) }), scopes: "global:admin or api:write" });
  app.get("/sources/:source/upstream-projects", async (c) => c.json({ projects: await catalog.upstreamProjects(c.get("actor"), c.req.param("source")) }));
  return app;
}

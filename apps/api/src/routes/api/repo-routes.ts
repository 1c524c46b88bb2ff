import { createRepo, createSource, deleteRepo, deleteSource, editRepo, getRepo, listRepos, listSources, packageDetail, subscribe, unsubscribe } from "@gatehouse/domain";
import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps, AppEnv } from "../../app-env.js";
import { documentOperation } from "../../http/openapi-registry.js";
import { parseJsonBody } from "../../http/parse-body.js";
import { strictBody } from "./strict-body.js";

const repoType = z.enum(["python", "r", "bioconductor", "conda"], { message: "type must be one of python, r, bioconductor, conda" });
const repoInfo = z.object({
  id: z.string(),
  name: z.string(),
  type: repoType,
  description: z.string(),
  authenticated: z.boolean(),
  sources: z.array(z.string()),
  createdAt: z.string(),
});
const sourceInfo = z.object({ id: z.string(), name: z.string(), kind: repoType, type: z.enum(["local", "remote"]), upstream: z.string().nullable(), upstreamTokenEnv: z.string().nullable(), createdAt: z.string() });
const createRepoBody = z.object({ name: z.string(), type: z.string().optional().describe("default r, as in Posit Package Manager"), description: z.string().optional(), authenticated: z.boolean().optional() });
const editRepoBody = z.object({ authenticated: z.boolean().optional(), description: z.string().optional() });
const createSourceBody = strictBody({
  name: z.string(),
  kind: z.string(),
  upstream: z.string().optional().describe("remote sources: the upstream index URL to mirror (http or https)"),
  upstreamTokenEnv: z.string().optional().describe("remote sources: the server environment variable holding the upstream token"),
});
const subscribeBody = z.object({ source: z.string() });
const deletedRepo = z.object({ name: z.string(), sources: z.array(z.string()), grants: z.number(), blocklistRules: z.number(), tokensNamingIt: z.array(z.string()) });
const detailFile = z.object({
  filename: z.string(),
  source: z.string(),
  kind: z.string(),
  size: z.number(),
  sha256: z.string(),
  subdir: z.string().nullable(),
  biocVersion: z.string().nullable(),
  labels: z.array(z.string()),
  yanked: z.boolean(),
  yankedReason: z.string().nullable(),
  publishedAt: z.string(),
});
const packageDetailSchema = z.object({
  repo: z.object({ name: z.string(), type: repoType, authenticated: z.boolean() }),
  project: z.string(),
  name: z.string(),
  private: z.boolean(),
  owner: z.string().nullable(),
  versions: z.array(z.object({ version: z.string(), files: z.array(detailFile) })),
});

/** `/__api__/repos` and `/__api__/sources`: create, edit, list, subscribe. */
export function repoAdminRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const meta = (c: { env?: { address?: string } }) => ({ address: c.env?.address ?? null });

  documentOperation({ method: "get", path: "/__api__/repos", tag: "repos", summary: "Repos the caller can read", response: z.object({ repos: z.array(repoInfo) }) });
  app.get("/repos", async (c) => c.json({ repos: await listRepos(deps.domain, c.get("actor")) }));

  documentOperation({ method: "post", path: "/__api__/repos", tag: "repos", summary: "Create a repo", body: createRepoBody, response: repoInfo, success: 201, scopes: "global:admin or api:write" });
  app.post("/repos", async (c) => {
    const body = await parseJsonBody(c, createRepoBody);
    return c.json(await createRepo(deps.domain, c.get("actor"), body, meta(c)), 201);
  });

  documentOperation({ method: "get", path: "/__api__/repos/:name", tag: "repos", summary: "One repo", response: repoInfo });
  app.get("/repos/:name", async (c) => c.json(await getRepo(deps.domain, c.get("actor"), c.req.param("name"))));

  documentOperation({ method: "patch", path: "/__api__/repos/:name", tag: "repos", summary: "Edit a repo's description or authentication", body: editRepoBody, response: repoInfo, scopes: "global:admin or api:write" });
  app.patch("/repos/:name", async (c) => {
    const body = await parseJsonBody(c, editRepoBody);
    return c.json(await editRepo(deps.domain, c.get("actor"), { name: c.req.param("name"), ...body }, meta(c)));
  });

  documentOperation({ method: "post", path: "/__api__/repos/:name/subscriptions", tag: "repos", summary: "Subscribe a repo to a source (after its current ones)", body: subscribeBody, response: repoInfo, scopes: "global:admin or api:write" });
  app.post("/repos/:name/subscriptions", async (c) => {
    const body = await parseJsonBody(c, subscribeBody);
    return c.json(await subscribe(deps.domain, c.get("actor"), { repo: c.req.param("name"), source: body.source }, meta(c)));
  });

  documentOperation({ method: "delete", path: "/__api__/repos/:name/subscriptions/:source", tag: "repos", summary: "Unsubscribe a repo from a source (the source and its files stay)", response: repoInfo, scopes: "global:admin or api:write" });
  app.delete("/repos/:name/subscriptions/:source", async (c) =>
    c.json(await unsubscribe(deps.domain, c.get("actor"), { repo: c.req.param("name"), source: c.req.param("source") }, meta(c))),
  );

  documentOperation({ method: "delete", path: "/__api__/repos/:name", tag: "repos", summary: "Delete a repo with its subscriptions, grants and repo-scoped blocklist rules (sources stay)", response: deletedRepo, scopes: "global:admin or api:write" });
  app.delete("/repos/:name", async (c) => c.json(await deleteRepo(deps.domain, c.get("actor"), { name: c.req.param("name") }, meta(c))));

  documentOperation({ method: "get", path: "/__api__/repos/:name/packages/:package", tag: "repos", summary: "A package's versions, files, serving sources and visibility, as the caller sees it (404 if they may not)", response: packageDetailSchema, scopes: "read access to the repo" });
  app.get("/repos/:name/packages/:package", async (c) => c.json(await packageDetail(deps.domain, c.get("actor"), { repo: c.req.param("name"), name: c.req.param("package") })));

  documentOperation({ method: "get", path: "/__api__/sources", tag: "sources", summary: "Every source", response: z.object({ sources: z.array(sourceInfo) }), scopes: "global:admin or api:read" });
  app.get("/sources", async (c) => c.json({ sources: await listSources(deps.domain, c.get("actor")) }));

  documentOperation({ method: "post", path: "/__api__/sources", tag: "sources", summary: "Create a local source, or a remote one mirroring an upstream index", body: createSourceBody, response: sourceInfo, success: 201, scopes: "global:admin or api:write" });
  app.post("/sources", async (c) => {
    const body = await parseJsonBody(c, createSourceBody);
    return c.json(await createSource(deps.domain, c.get("actor"), body, meta(c)), 201);
  });

  documentOperation({ method: "delete", path: "/__api__/sources/:name", tag: "sources", summary: "Delete a source no repo subscribes to and that never held a file (filenames stay reserved)", response: sourceInfo, scopes: "global:admin or api:write" });
  app.delete("/sources/:name", async (c) => c.json(await deleteSource(deps.domain, c.get("actor"), { name: c.req.param("name") }, meta(c))));
  return app;
}

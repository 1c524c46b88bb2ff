import { ops } from "@gatehouse/api-contract";
import { createRepo, createSource, deleteRepo, deleteSource, editRepo, getRepo, listRepos, listSources, packageDetail, subscribe, unsubscribe } from "@gatehouse/domain";
import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../../app-env.js";
import { contractRoutes } from "../../http/contract-route.js";

/** `/__api__/repos` and `/__api__/sources`: create, edit, list, subscribe, delete, describe a package. */
export function repoAdminRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const on = contractRoutes(app, "/__api__");
  const meta = (c: { env?: { address?: string } }) => ({ address: c.env?.address ?? null });

  on(ops.repos.list, async (c) => ({ repos: await listRepos(deps.domain, c.get("actor")) }));
  on(ops.repos.create, async (c, { body }) => createRepo(deps.domain, c.get("actor"), body, meta(c)));
  on(ops.repos.get, async (c, { params }) => getRepo(deps.domain, c.get("actor"), params.name));
  on(ops.repos.edit, async (c, { params, body }) => editRepo(deps.domain, c.get("actor"), { name: params.name, ...body }, meta(c)));
  on(ops.repos.subscribe, async (c, { params, body }) => subscribe(deps.domain, c.get("actor"), { repo: params.name, source: body.source }, meta(c)));
  on(ops.repos.unsubscribe, async (c, { params }) => unsubscribe(deps.domain, c.get("actor"), { repo: params.name, source: params.source }, meta(c)));
  on(ops.repos.delete, async (c, { params }) => deleteRepo(deps.domain, c.get("actor"), { name: params.name }, meta(c)));
  on(ops.repos.packageDetail, async (c, { params }) => packageDetail(deps.domain, c.get("actor"), { repo: params.name, name: params.package }));

  on(ops.sources.list, async (c) => ({ sources: await listSources(deps.domain, c.get("actor")) }));
  on(ops.sources.create, async (c, { body }) => createSource(deps.domain, c.get("actor"), body, meta(c)));
  on(ops.sources.delete, async (c, { params }) => deleteSource(deps.domain, c.get("actor"), { name: params.name }, meta(c)));
  return app;
}

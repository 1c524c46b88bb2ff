import { getPackageAccess, listPackageAccess, setPackageAccess } from "@gatehouse/domain";
import { ops } from "@gatehouse/api-contract";
import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../../app-env.js";
import { contractRoutes } from "../../http/contract-route.js";

/** Package privacy (`/__api__/sources/:source/packages/:name/access`) and what a repo shows the caller (`/__api__/repos/:repo/packages`). */
export function identityPackageRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const on = contractRoutes(app, "/__api__");
  const meta = (c: { env?: { address?: string } }) => ({ address: c.env?.address ?? null });

  on(ops.identity.listRepoPackages, async (c, { params }) => ({ packages: await deps.domain.catalog.listPackages(c.get("actor"), params.repo) }));

  on(ops.identity.listPackageAccess, async (c, { params, query: q }) => ({
    packages: await listPackageAccess(deps.domain, c.get("actor"), { source: params.source, privateOnly: q.private === "true" }),
  }));

  on(ops.identity.getPackageAccess, async (c, { params }) => getPackageAccess(deps.domain, c.get("actor"), { source: params.source, name: params.name }));

  on(ops.identity.setPackageAccess, async (c, { params, body }) => {
    const input = {
      source: params.source,
      name: params.name,
      ...(body.private !== undefined ? { private: body.private } : {}),
      ...(body.owner !== undefined ? { owner: body.owner } : {}),
    };
    return setPackageAccess(deps.domain, c.get("actor"), input, meta(c));
  });
  return app;
}

import { getPackageAccess, listPackageAccess, setPackageAccess } from "@gatehouse/domain";
import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps, AppEnv } from "../../app-env.js";
import { documentOperation } from "../../http/openapi-registry.js";
import { parseJsonBody, parseWith } from "../../http/parse-body.js";
import { packageAccessBody, packageAccessInfo, packageAccessQuery, visiblePackage } from "./identity-admin-schemas.js";

/** Package privacy (`/__api__/sources/:source/packages/:name/access`) and what a repo shows the caller (`/__api__/repos/:repo/packages`). */
export function identityPackageRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const meta = (c: { env?: { address?: string } }) => ({ address: c.env?.address ?? null });

  documentOperation({ method: "get", path: "/__api__/repos/:repo/packages", tag: "identity", summary: "Packages a repo serves to the caller now (private ones only to those who may see them)", response: z.object({ packages: z.array(visiblePackage) }), scopes: "read access to the repo" });
  app.get("/repos/:repo/packages", async (c) => c.json({ packages: await deps.domain.catalog.listPackages(c.get("actor"), c.req.param("repo")) }));

  documentOperation({ method: "get", path: "/__api__/sources/:source/package-access", tag: "identity", summary: "Privacy and owner of a source's packages", query: packageAccessQuery, response: z.object({ packages: z.array(packageAccessInfo) }), scopes: "api:read or api:modify-group" });
  app.get("/sources/:source/package-access", async (c) => {
    const q = parseWith(packageAccessQuery, c.req.query());
    return c.json({ packages: await listPackageAccess(deps.domain, c.get("actor"), { source: c.req.param("source"), privateOnly: q.private === "true" }) });
  });

  documentOperation({ method: "get", path: "/__api__/sources/:source/packages/:name/access", tag: "identity", summary: "Privacy and owner of one package", response: packageAccessInfo, scopes: "api:read, api:modify-group or the package's owner" });
  app.get("/sources/:source/packages/:name/access", async (c) =>
    c.json(await getPackageAccess(deps.domain, c.get("actor"), { source: c.req.param("source"), name: c.req.param("name") })),
  );

  documentOperation({ method: "put", path: "/__api__/sources/:source/packages/:name/access", tag: "identity", summary: "Make a package private or public, or change its owner", body: packageAccessBody, response: packageAccessInfo, scopes: "api:modify-group, or the package's owner with write access to the source" });
  app.put("/sources/:source/packages/:name/access", async (c) => {
    const body = await parseJsonBody(c, packageAccessBody);
    const input = {
      source: c.req.param("source"),
      name: c.req.param("name"),
      ...(body.private !== undefined ? { private: body.private } : {}),
      ...(body.owner !== undefined ? { owner: body.owner } : {}),
    };
    return c.json(await setPackageAccess(deps.domain, c.get("actor"), input, meta(c)));
  });
  return app;
}

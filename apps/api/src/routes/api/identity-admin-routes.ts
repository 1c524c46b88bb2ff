import {
  addGroupMember,
  addOrgMember,
  createGroup,
  createOrg,
  deleteGroup,
  deleteOrg,
  getGroup,
  getOrg,
  grantAccess,
  listGroups,
  listOrgs,
  removeGroupMember,
  removeOrgMember,
  revokeGrant,
} from "@gatehouse/domain";
import { ops } from "@gatehouse/api-contract";
import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../../app-env.js";
import { contractRoutes } from "../../http/contract-route.js";
import { identityPackageRoutes } from "./identity-admin-package-routes.js";

/** `/__api__/orgs/…` (organizations, members, groups, grants) and package privacy. */
export function identityAdminRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const on = contractRoutes(app, "/__api__");
  const d = deps.domain;
  const meta = (c: { env?: { address?: string } }) => ({ address: c.env?.address ?? null });
  const o = ops.identity;

  on(o.listOrgs, async (c) => ({ orgs: await listOrgs(d, c.get("actor")) }));

  on(o.createOrg, async (c, { body }) => createOrg(d, c.get("actor"), { name: body.name, ...(body.owner ? { owner: body.owner } : {}) }, meta(c)));

  on(o.getOrg, async (c, { params }) => getOrg(d, c.get("actor"), params.org));

  on(o.deleteOrg, async (c, { params }) => {
    await deleteOrg(d, c.get("actor"), params.org, meta(c));
    return { deleted: params.org };
  });

  on(o.addOrgMember, async (c, { params, body }) =>
    addOrgMember(d, c.get("actor"), { org: params.org, user: body.user, ...(body.role ? { role: body.role } : {}) }, meta(c)),
  );

  on(o.removeOrgMember, async (c, { params }) => removeOrgMember(d, c.get("actor"), { org: params.org, user: params.user }, meta(c)));

  on(o.listGroups, async (c, { params }) => ({ groups: await listGroups(d, c.get("actor"), params.org) }));

  on(o.createGroup, async (c, { params, body }) => createGroup(d, c.get("actor"), { org: params.org, group: body.name }, meta(c)));

  on(o.getGroup, async (c, { params }) => getGroup(d, c.get("actor"), { org: params.org, group: params.group }));

  on(o.deleteGroup, async (c, { params }) => {
    await deleteGroup(d, c.get("actor"), { org: params.org, group: params.group }, meta(c));
    return { deleted: `${params.org}/${params.group}` };
  });

  on(o.addGroupMember, async (c, { params, body }) => addGroupMember(d, c.get("actor"), { org: params.org, group: params.group, user: body.user }, meta(c)));

  on(o.removeGroupMember, async (c, { params }) =>
    removeGroupMember(d, c.get("actor"), { org: params.org, group: params.group, user: params.user }, meta(c)),
  );

  on(o.grant, async (c, { params, body }) => {
    const input = { org: params.org, group: params.group, repo: body.repo, permission: body.permission, ...(body.package ? { package: body.package } : {}) };
    return grantAccess(d, c.get("actor"), input, meta(c));
  });

  on(o.revokeGrant, async (c, { params, query: q }) =>
    revokeGrant(d, c.get("actor"), { org: params.org, group: params.group, repo: q.repo, ...(q.package ? { package: q.package } : {}) }, meta(c)),
  );

  app.route("/", identityPackageRoutes(deps));
  return app;
}

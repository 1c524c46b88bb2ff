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
import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps, AppEnv } from "../../app-env.js";
import { documentOperation } from "../../http/openapi-registry.js";
import { parseJsonBody, parseWith } from "../../http/parse-body.js";
import { identityPackageRoutes } from "./identity-admin-package-routes.js";
import {
  createGroupBody,
  createOrgBody,
  grantBody,
  groupInfo,
  groupMemberBody,
  orgDetail,
  orgInfo,
  orgMemberBody,
  revokeGrantQuery,
} from "./identity-admin-schemas.js";

const MANAGE = "api:modify-group (or api, all, global:admin)";

/** `/__api__/orgs/…` (organizations, members, groups, grants) and package privacy. */
export function identityAdminRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const d = deps.domain;
  const meta = (c: { env?: { address?: string } }) => ({ address: c.env?.address ?? null });

  documentOperation({ method: "get", path: "/__api__/orgs", tag: "identity", summary: "Organizations (all with api:read, else the caller's own)", response: z.object({ orgs: z.array(orgInfo) }) });
  app.get("/orgs", async (c) => c.json({ orgs: await listOrgs(d, c.get("actor")) }));

  documentOperation({ method: "post", path: "/__api__/orgs", tag: "identity", summary: "Create an organization", body: createOrgBody, response: orgInfo, success: 201, scopes: MANAGE });
  app.post("/orgs", async (c) => {
    const body = await parseJsonBody(c, createOrgBody);
    return c.json(await createOrg(d, c.get("actor"), { name: body.name, ...(body.owner ? { owner: body.owner } : {}) }, meta(c)), 201);
  });

  documentOperation({ method: "get", path: "/__api__/orgs/:org", tag: "identity", summary: "One organization with its members and groups", response: orgDetail });
  app.get("/orgs/:org", async (c) => c.json(await getOrg(d, c.get("actor"), c.req.param("org"))));

  documentOperation({ method: "delete", path: "/__api__/orgs/:org", tag: "identity", summary: "Delete an organization with its groups and grants", scopes: MANAGE });
  app.delete("/orgs/:org", async (c) => {
    await deleteOrg(d, c.get("actor"), c.req.param("org"), meta(c));
    return c.json({ deleted: c.req.param("org") });
  });

  documentOperation({ method: "post", path: "/__api__/orgs/:org/members", tag: "identity", summary: "Add a user to an organization (or change their role)", body: orgMemberBody, response: orgDetail, scopes: MANAGE });
  app.post("/orgs/:org/members", async (c) => {
    const body = await parseJsonBody(c, orgMemberBody);
    return c.json(await addOrgMember(d, c.get("actor"), { org: c.req.param("org"), user: body.user, ...(body.role ? { role: body.role } : {}) }, meta(c)));
  });

  documentOperation({ method: "delete", path: "/__api__/orgs/:org/members/:user", tag: "identity", summary: "Remove a user from an organization and its groups", response: orgDetail, scopes: MANAGE });
  app.delete("/orgs/:org/members/:user", async (c) =>
    c.json(await removeOrgMember(d, c.get("actor"), { org: c.req.param("org"), user: c.req.param("user") }, meta(c))),
  );

  documentOperation({ method: "get", path: "/__api__/orgs/:org/groups", tag: "identity", summary: "Groups of an organization with members and grants", response: z.object({ groups: z.array(groupInfo) }) });
  app.get("/orgs/:org/groups", async (c) => c.json({ groups: await listGroups(d, c.get("actor"), c.req.param("org")) }));

  documentOperation({ method: "post", path: "/__api__/orgs/:org/groups", tag: "identity", summary: "Create a group", body: createGroupBody, response: groupInfo, success: 201, scopes: MANAGE });
  app.post("/orgs/:org/groups", async (c) => {
    const body = await parseJsonBody(c, createGroupBody);
    return c.json(await createGroup(d, c.get("actor"), { org: c.req.param("org"), group: body.name }, meta(c)), 201);
  });

  const groupRef = (c: { req: { param(name: "org" | "group"): string } }) => ({ org: c.req.param("org"), group: c.req.param("group") });

  documentOperation({ method: "get", path: "/__api__/orgs/:org/groups/:group", tag: "identity", summary: "One group with members and grants", response: groupInfo });
  app.get("/orgs/:org/groups/:group", async (c) => c.json(await getGroup(d, c.get("actor"), groupRef(c))));

  documentOperation({ method: "delete", path: "/__api__/orgs/:org/groups/:group", tag: "identity", summary: "Delete a group with its grants", scopes: MANAGE });
  app.delete("/orgs/:org/groups/:group", async (c) => {
    await deleteGroup(d, c.get("actor"), groupRef(c), meta(c));
    return c.json({ deleted: `${c.req.param("org")}/${c.req.param("group")}` });
  });

  documentOperation({ method: "post", path: "/__api__/orgs/:org/groups/:group/members", tag: "identity", summary: "Add a user to a group (and its organization)", body: groupMemberBody, response: groupInfo, scopes: MANAGE });
  app.post("/orgs/:org/groups/:group/members", async (c) => {
    const body = await parseJsonBody(c, groupMemberBody);
    return c.json(await addGroupMember(d, c.get("actor"), { ...groupRef(c), user: body.user }, meta(c)));
  });

  documentOperation({ method: "delete", path: "/__api__/orgs/:org/groups/:group/members/:user", tag: "identity", summary: "Remove a user from a group", response: groupInfo, scopes: MANAGE });
  app.delete("/orgs/:org/groups/:group/members/:user", async (c) =>
    c.json(await removeGroupMember(d, c.get("actor"), { ...groupRef(c), user: c.req.param("user") }, meta(c))),
  );

  documentOperation({ method: "post", path: "/__api__/orgs/:org/groups/:group/grants", tag: "identity", summary: "Grant a group read, write or admin on a repo or one package of it", body: grantBody, response: groupInfo, scopes: MANAGE });
  app.post("/orgs/:org/groups/:group/grants", async (c) => {
    const body = await parseJsonBody(c, grantBody);
    const input = { ...groupRef(c), repo: body.repo, permission: body.permission, ...(body.package ? { package: body.package } : {}) };
    return c.json(await grantAccess(d, c.get("actor"), input, meta(c)));
  });

  documentOperation({ method: "delete", path: "/__api__/orgs/:org/groups/:group/grants", tag: "identity", summary: "Withdraw a group's grant on a repo or one package of it", query: revokeGrantQuery, response: groupInfo, scopes: MANAGE });
  app.delete("/orgs/:org/groups/:group/grants", async (c) => {
    const q = parseWith(revokeGrantQuery, c.req.query());
    return c.json(await revokeGrant(d, c.get("actor"), { ...groupRef(c), repo: q.repo, ...(q.package ? { package: q.package } : {}) }, meta(c)));
  });

  app.route("/", identityPackageRoutes(deps));
  return app;
}

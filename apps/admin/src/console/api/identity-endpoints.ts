import type { ApiClient, ApiResult } from "./client.js";
import type { GrantRequest, GroupInfo, OrgDetail, OrgInfo } from "./types.js";

// Paths of the organization routes (`apps/api/src/routes/api/identity-admin-routes.ts`).
const orgPath = (org: string): string => `/__api__/orgs/${encodeURIComponent(org)}`;
const groupPath = (org: string, group: string): string => `${orgPath(org)}/groups/${encodeURIComponent(group)}`;

/** `GET /__api__/orgs`: every org with api:read, else the caller's own. */
export async function listOrgs(api: ApiClient): Promise<ApiResult<OrgInfo[]>> {
  const result = await api.request<{ orgs: OrgInfo[] }>("GET", "/__api__/orgs");
  return result.ok ? { ok: true, value: result.value.orgs } : result;
}

/** `POST /__api__/orgs`; an owner, when given, becomes its first member. */
export function createOrg(api: ApiClient, request: { name: string; owner?: string }): Promise<ApiResult<OrgInfo>> {
  return api.request("POST", "/__api__/orgs", { body: request });
}

/** `DELETE /__api__/orgs/:org`, with its groups and grants. */
export function deleteOrg(api: ApiClient, org: string): Promise<ApiResult<{ deleted: string }>> {
  return api.request("DELETE", orgPath(org));
}

/** `GET /__api__/orgs/:org`: members and groups (with their members and grants). */
export function getOrg(api: ApiClient, org: string): Promise<ApiResult<OrgDetail>> {
  return api.request("GET", orgPath(org));
}

/** `POST /__api__/orgs/:org/members` (adds the user or changes their role). */
export function addOrgMember(api: ApiClient, org: string, request: { user: string; role?: "owner" | "member" }): Promise<ApiResult<OrgDetail>> {
  return api.request("POST", `${orgPath(org)}/members`, { body: request });
}

/** `DELETE /__api__/orgs/:org/members/:user`: out of the org and all its groups. */
export function removeOrgMember(api: ApiClient, org: string, user: string): Promise<ApiResult<OrgDetail>> {
  return api.request("DELETE", `${orgPath(org)}/members/${encodeURIComponent(user)}`);
}

/** `POST /__api__/orgs/:org/groups`. */
export function createGroup(api: ApiClient, org: string, name: string): Promise<ApiResult<GroupInfo>> {
  return api.request("POST", `${orgPath(org)}/groups`, { body: { name } });
}

/** `DELETE /__api__/orgs/:org/groups/:group`, with its grants. */
export function deleteGroup(api: ApiClient, org: string, group: string): Promise<ApiResult<{ deleted: string }>> {
  return api.request("DELETE", groupPath(org, group));
}

/** `POST /__api__/orgs/:org/groups/:group/members` (adds the user to the org too). */
export function addGroupMember(api: ApiClient, org: string, group: string, user: string): Promise<ApiResult<GroupInfo>> {
  return api.request("POST", `${groupPath(org, group)}/members`, { body: { user } });
}

/** `DELETE /__api__/orgs/:org/groups/:group/members/:user` (the user stays in the org). */
export function removeGroupMember(api: ApiClient, org: string, group: string, user: string): Promise<ApiResult<GroupInfo>> {
  return api.request("DELETE", `${groupPath(org, group)}/members/${encodeURIComponent(user)}`);
}

/** `POST /__api__/orgs/:org/groups/:group/grants`. */
export function grantAccess(api: ApiClient, org: string, group: string, request: GrantRequest): Promise<ApiResult<GroupInfo>> {
  return api.request("POST", `${groupPath(org, group)}/grants`, { body: request });
}

/** `DELETE /__api__/orgs/:org/groups/:group/grants?repo=&package=`. */
export function revokeGrant(api: ApiClient, org: string, group: string, target: { repo: string; package?: string }): Promise<ApiResult<GroupInfo>> {
  return api.request("DELETE", `${groupPath(org, group)}/grants`, { query: { repo: target.repo, package: target.package } });
}

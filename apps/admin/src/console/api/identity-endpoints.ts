import { ops } from "@gatehouse/api-contract";
import type { ApiClient, ApiResult } from "./client.js";
import type { GrantRequest, GroupInfo, OrgDetail, OrgInfo } from "./types.js";
import { unwrap } from "./unwrap.js";

/** Every org with api:read, else the caller's own. */
export async function listOrgs(api: ApiClient): Promise<ApiResult<OrgInfo[]>> {
  return unwrap(await api.call(ops.identity.listOrgs, {}), (b) => b.orgs);
}

/** Creates an org; an owner, when given, becomes its first member. */
export function createOrg(api: ApiClient, request: { name: string; owner?: string }): Promise<ApiResult<OrgInfo>> {
  return api.call(ops.identity.createOrg, { body: request });
}

/** Deletes an org with its groups and grants. */
export function deleteOrg(api: ApiClient, org: string): Promise<ApiResult<{ deleted: string }>> {
  return api.call(ops.identity.deleteOrg, { params: { org } });
}

/** One org: members and groups (with their members and grants). */
export function getOrg(api: ApiClient, org: string): Promise<ApiResult<OrgDetail>> {
  return api.call(ops.identity.getOrg, { params: { org } });
}

/** Adds the user to an org, or changes their role. */
export function addOrgMember(api: ApiClient, org: string, request: { user: string; role?: "owner" | "member" }): Promise<ApiResult<OrgDetail>> {
  return api.call(ops.identity.addOrgMember, { params: { org }, body: request });
}

/** Takes the user out of the org and all its groups. */
export function removeOrgMember(api: ApiClient, org: string, user: string): Promise<ApiResult<OrgDetail>> {
  return api.call(ops.identity.removeOrgMember, { params: { org, user } });
}

/** Creates a group in an org. */
export function createGroup(api: ApiClient, org: string, name: string): Promise<ApiResult<GroupInfo>> {
  return api.call(ops.identity.createGroup, { params: { org }, body: { name } });
}

/** Deletes a group with its grants. */
export function deleteGroup(api: ApiClient, org: string, group: string): Promise<ApiResult<{ deleted: string }>> {
  return api.call(ops.identity.deleteGroup, { params: { org, group } });
}

/** Adds the user to a group (and to its org). */
export function addGroupMember(api: ApiClient, org: string, group: string, user: string): Promise<ApiResult<GroupInfo>> {
  return api.call(ops.identity.addGroupMember, { params: { org, group }, body: { user } });
}

/** Takes the user out of a group; they stay in the org. */
export function removeGroupMember(api: ApiClient, org: string, group: string, user: string): Promise<ApiResult<GroupInfo>> {
  return api.call(ops.identity.removeGroupMember, { params: { org, group, user } });
}

/** Grants a group a permission on a repo or one package of it. */
export function grantAccess(api: ApiClient, org: string, group: string, request: GrantRequest): Promise<ApiResult<GroupInfo>> {
  return api.call(ops.identity.grant, { params: { org, group }, body: request });
}

/** Withdraws a group's grant on a repo (no package) or one package of it. */
export function revokeGrant(api: ApiClient, org: string, group: string, target: { repo: string; package?: string }): Promise<ApiResult<GroupInfo>> {
  return api.call(ops.identity.revokeGrant, { params: { org, group }, query: { repo: target.repo, package: target.package } });
}

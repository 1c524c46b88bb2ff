import { ops } from "@gatehouse/api-contract";
import type { ApiClient, ApiResult } from "./client.js";
import type { BlocklistRuleInfo, CreateBlocklistRuleRequest, MetadataFilter, PackageMetadataEntry, SetMetadataRequest } from "./types.js";
import { unwrap } from "./unwrap.js";

/** The blocklist rules in force, oldest first. */
export async function listBlocklistRules(api: ApiClient): Promise<ApiResult<BlocklistRuleInfo[]>> {
  return unwrap(await api.call(ops.policy.listBlocklistRules, {}), (b) => b.rules);
}

/** Creates a rule; the server checks the range in the repo's ecosystem. */
export function createBlocklistRule(api: ApiClient, request: CreateBlocklistRuleRequest): Promise<ApiResult<BlocklistRuleInfo>> {
  return api.call(ops.policy.createBlocklistRule, { body: request });
}

/** Deletes a rule; answers with the rule as it was. */
export async function deleteBlocklistRule(api: ApiClient, id: string): Promise<ApiResult<BlocklistRuleInfo>> {
  return unwrap(await api.call(ops.policy.deleteBlocklistRule, { params: { id } }), (b) => b.deleted);
}

/** Package notes, by package and key; an empty name filter lists every note. */
export async function listMetadata(api: ApiClient, filter: MetadataFilter): Promise<ApiResult<PackageMetadataEntry[]>> {
  const query = { name: filter.name || undefined };
  return unwrap(await api.call(ops.policy.listMetadata, { query }), (b) => b.metadata);
}

/** Sets a note; answers with the entry under the package's folded name. */
export function setMetadata(api: ApiClient, request: SetMetadataRequest): Promise<ApiResult<PackageMetadataEntry>> {
  return api.call(ops.policy.setMetadata, { params: { name: request.name, key: request.key }, body: { value: request.value } });
}

/** Removes a note. */
export function deleteMetadata(api: ApiClient, name: string, key: string): Promise<ApiResult<{ deleted: { name: string; key: string } }>> {
  return api.call(ops.policy.deleteMetadata, { params: { name, key } });
}

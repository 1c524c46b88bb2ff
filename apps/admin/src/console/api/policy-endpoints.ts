
import type { ApiClient, ApiResult } from "./client.js";
import { unwrap } from "./unwrap.js";
import type {
  BlocklistRuleInfo,
  CreateBlocklistRuleRequest,
  MetadataFilter,
  PackageMetadataEntry,
  SetMetadataRequest,
} from "./types.js";

/** `GET /__api__/blocklist-rules`, oldest first. */
export async function listBlocklistRules(api: ApiClient): Promise<ApiResult<BlocklistRuleInfo[]>> {
  return unwrap(await api.request<{ rules: BlocklistRuleInfo[] }>("GET", "/__api__/blocklist-rules"), (b) => b.rules);
}

/** `POST /__api__/blocklist-rules`; the server checks the range in the repo's ecosystem. */
export function createBlocklistRule(api: ApiClient, request: CreateBlocklistRuleRequest): Promise<ApiResult<BlocklistRuleInfo>> {
  return api.request("POST", "/__api__/blocklist-rules", { body: request });
}

/** `DELETE /__api__/blocklist-rules/:id`; answers with the rule as it was. */
export async function deleteBlocklistRule(api: ApiClient, id: string): Promise<ApiResult<BlocklistRuleInfo>> {
  return unwrap(await api.request<{ deleted: BlocklistRuleInfo }>("DELETE", `/__api__/blocklist-rules/${encodeURIComponent(id)}`), (b) => b.deleted);
}

/** `GET /__api__/metadata`, by package and key. */
export async function listMetadata(api: ApiClient, filter: MetadataFilter): Promise<ApiResult<PackageMetadataEntry[]>> {
  const query = { name: filter.name || undefined };
  return unwrap(await api.request<{ metadata: PackageMetadataEntry[] }>("GET", "/__api__/metadata", { query }), (b) => b.metadata);
}

/** `PUT /__api__/metadata/:name/:key`; answers with the entry under the package's folded name. */
export function setMetadata(api: ApiClient, request: SetMetadataRequest): Promise<ApiResult<PackageMetadataEntry>> {
  return api.request("PUT", metadataPath(request.name, request.key), { body: { value: request.value } });
}

/** `DELETE /__api__/metadata/:name/:key`. */
export function deleteMetadata(api: ApiClient, name: string, key: string): Promise<ApiResult<{ deleted: { name: string; key: string } }>> {
  return api.request("DELETE", metadataPath(name, key));
}

function metadataPath(name: string, key: string): string {
  return `/__api__/metadata/${encodeURIComponent(name)}/${encodeURIComponent(key)}`;
}

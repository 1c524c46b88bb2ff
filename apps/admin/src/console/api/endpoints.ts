import type { ApiClient, ApiResult } from "./client.js";
import type {
  AuditEvent,
  BlocklistRuleInfo,
  CreateBlocklistRuleRequest,
  CreatedToken,
  CreateRepoRequest,
  CreateSourceRequest,
  CreateTokenRequest,
  Explanation,
  ExplainRequest,
  FileInfo,
  MetadataFilter,
  PackageMetadataEntry,
  RepoInfo,
  SourceInfo,
  SetMetadataRequest,
  TokenFilters,
  TokenInfo,
  WhoAmI,
} from "./types.js";

/** `GET /__api__/whoami`. */
export function fetchWhoAmI(api: ApiClient): Promise<ApiResult<WhoAmI>> {
  return api.request("GET", "/__api__/whoami");
}

/** `GET /__api__/tokens`, active ones plus the expired/revoked ones asked for. */
export async function listTokens(api: ApiClient, filters: TokenFilters): Promise<ApiResult<TokenInfo[]>> {
  const query = { expired: filters.expired ? "true" : undefined, revoked: filters.revoked ? "true" : undefined };
  return unwrap(await api.request<{ tokens: TokenInfo[] }>("GET", "/__api__/tokens", { query }), (b) => b.tokens);
}

/** `POST /__api__/tokens`; the answer holds the plaintext token, shown once. */
export function createToken(api: ApiClient, request: CreateTokenRequest): Promise<ApiResult<CreatedToken>> {
  return api.request("POST", "/__api__/tokens", { body: request });
}

/** `DELETE /__api__/tokens/:guid` (permanent). */
export function revokeToken(api: ApiClient, guid: string): Promise<ApiResult<TokenInfo>> {
  return api.request("DELETE", `/__api__/tokens/${encodeURIComponent(guid)}`);
}

/** `GET /__api__/repos`. */
export async function listRepos(api: ApiClient): Promise<ApiResult<RepoInfo[]>> {
  return unwrap(await api.request<{ repos: RepoInfo[] }>("GET", "/__api__/repos"), (b) => b.repos);
}

/** `POST /__api__/repos`. */
export function createRepo(api: ApiClient, request: CreateRepoRequest): Promise<ApiResult<RepoInfo>> {
  return api.request("POST", "/__api__/repos", { body: request });
}

/** `PATCH /__api__/repos/:name` with a new `authenticated` flag. */
export function setRepoAuthenticated(api: ApiClient, name: string, authenticated: boolean): Promise<ApiResult<RepoInfo>> {
  return api.request("PATCH", `/__api__/repos/${encodeURIComponent(name)}`, { body: { authenticated } });
}

/** `POST /__api__/repos/:name/subscriptions`. */
export function subscribeRepo(api: ApiClient, repo: string, source: string): Promise<ApiResult<RepoInfo>> {
  return api.request("POST", `/__api__/repos/${encodeURIComponent(repo)}/subscriptions`, { body: { source } });
}

/** `GET /__api__/sources`. */
export async function listSources(api: ApiClient): Promise<ApiResult<SourceInfo[]>> {
  return unwrap(await api.request<{ sources: SourceInfo[] }>("GET", "/__api__/sources"), (b) => b.sources);
}

/** `POST /__api__/sources`. */
export function createSource(api: ApiClient, request: CreateSourceRequest): Promise<ApiResult<SourceInfo>> {
  return api.request("POST", "/__api__/sources", { body: request });
}

/** `GET /__api__/sources/:source/files`. */
export async function listSourceFiles(api: ApiClient, source: string, includeRemoved: boolean): Promise<ApiResult<FileInfo[]>> {
  const query = { removed: includeRemoved ? "true" : undefined };
  return unwrap(await api.request<{ files: FileInfo[] }>("GET", `/__api__/sources/${encodeURIComponent(source)}/files`, { query }), (b) => b.files);
}

/** `GET /__api__/audit`, newest first; `action` is an action or its start (`token` matches `token.create`). */
export async function listAuditEvents(api: ApiClient, filter: { limit: number; action?: string; actor?: string; since?: string }): Promise<ApiResult<AuditEvent[]>> {
  const query = { limit: String(filter.limit), action: filter.action || undefined, actor: filter.actor || undefined, since: filter.since || undefined };
  return unwrap(await api.request<{ events: AuditEvent[] }>("GET", "/__api__/audit", { query }), (b) => b.events);
}

/** `POST /__api__/authorize/explain`; the token to explain goes in the body, never the URL. */
export function explainAccess(api: ApiClient, request: ExplainRequest): Promise<ApiResult<Explanation>> {
  return api.request("POST", "/__api__/authorize/explain", { body: request });
}

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

function unwrap<B, T>(result: ApiResult<B>, pick: (body: B) => T): ApiResult<T> {
  return result.ok ? { ok: true, value: pick(result.value) } : result;
}

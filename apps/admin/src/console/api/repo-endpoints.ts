import { ops } from "@gatehouse/api-contract";
import type { ApiClient, ApiResult } from "./client.js";
import type { CreateRepoRequest, CreateSourceRequest, RepoInfo, SourceInfo } from "./types.js";
import { unwrap } from "./unwrap.js";

/** Repos the signed-in token can read. */
export async function listRepos(api: ApiClient): Promise<ApiResult<RepoInfo[]>> {
  return unwrap(await api.call(ops.repos.list, {}), (b) => b.repos);
}

/** Creates a repo. */
export function createRepo(api: ApiClient, request: CreateRepoRequest): Promise<ApiResult<RepoInfo>> {
  return api.call(ops.repos.create, { body: request });
}

/** Makes a repo require a token to read, or makes it public. */
export function setRepoAuthenticated(api: ApiClient, name: string, authenticated: boolean): Promise<ApiResult<RepoInfo>> {
  return api.call(ops.repos.edit, { params: { name }, body: { authenticated } });
}

/** Makes a repo serve a source, after the ones it already serves. */
export function subscribeRepo(api: ApiClient, repo: string, source: string): Promise<ApiResult<RepoInfo>> {
  return api.call(ops.repos.subscribe, { params: { name: repo }, body: { source } });
}

/** Every source. */
export async function listSources(api: ApiClient): Promise<ApiResult<SourceInfo[]>> {
  return unwrap(await api.call(ops.sources.list, {}), (b) => b.sources);
}

/** Creates a local source, or a remote one when the request names an upstream. */
export function createSource(api: ApiClient, request: CreateSourceRequest): Promise<ApiResult<SourceInfo>> {
  return api.call(ops.sources.create, { body: request });
}

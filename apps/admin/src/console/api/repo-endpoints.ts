
import type { ApiClient, ApiResult } from "./client.js";
import { unwrap } from "./unwrap.js";
import type {
  CreateRepoRequest,
  CreateSourceRequest,
  RepoInfo,
  SourceInfo,
} from "./types.js";

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


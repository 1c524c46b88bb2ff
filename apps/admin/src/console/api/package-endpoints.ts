import { ops } from "@gatehouse/api-contract";
import type { ApiClient, ApiResult } from "./client.js";
import { unwrap } from "./unwrap.js";
import type { FileInfo, PackageAccessInfo, PackageAccessRequest, RepoInfo, VisiblePackage } from "./types.js";

/** What the repo serves the caller now (private packages only to who may see them). */
export async function listRepoPackages(api: ApiClient, repo: string): Promise<ApiResult<VisiblePackage[]>> {
  return unwrap(await api.call(ops.identity.listRepoPackages, { params: { repo } }), (b) => b.packages);
}

/** `GET /__api__/sources/:source/files?project=`: one project's files in a source. */
export async function listProjectFiles(api: ApiClient, source: string, project: string): Promise<ApiResult<FileInfo[]>> {
  const result = await api.request<{ files: FileInfo[] }>("GET", `/__api__/sources/${encodeURIComponent(source)}/files`, { query: { project } });
  return result.ok ? { ok: true, value: result.value.files } : result;
}

/** Whether a package of a source is private, and who owns it. */
export function getPackageAccess(api: ApiClient, source: string, name: string): Promise<ApiResult<PackageAccessInfo>> {
  return api.call(ops.identity.getPackageAccess, { params: { source, name } });
}

/** Makes a package private or public, or changes its owner. */
export function setPackageAccess(api: ApiClient, source: string, name: string, request: PackageAccessRequest): Promise<ApiResult<PackageAccessInfo>> {
  return api.call(ops.identity.setPackageAccess, { params: { source, name }, body: request });
}

/** `GET /__api__/repos/:name`: type, access and subscribed sources. */
export function getRepo(api: ApiClient, name: string): Promise<ApiResult<RepoInfo>> {
  return api.request("GET", `/__api__/repos/${encodeURIComponent(name)}`);
}

const filePath = (source: string, filename: string): string => `/__api__/sources/${encodeURIComponent(source)}/files/${encodeURIComponent(filename)}`;

/** `POST /__api__/sources/:source/files/:filename/yank`, or `DELETE` it to take the yank back. */
export function yankFile(api: ApiClient, source: string, filename: string, change: { reason?: string } | "undo"): Promise<ApiResult<FileInfo>> {
  if (change === "undo") return api.request("DELETE", `${filePath(source, filename)}/yank`);
  return api.request("POST", `${filePath(source, filename)}/yank`, { body: change });
}

/** `DELETE /__api__/sources/:source/packages/:name?version=`: the filenames stay reserved. */
export function removeVersion(api: ApiClient, source: string, name: string, version: string): Promise<ApiResult<unknown>> {
  return api.request("DELETE", `/__api__/sources/${encodeURIComponent(source)}/packages/${encodeURIComponent(name)}`, { query: { version } });
}

/** `POST /__api__/sources/:source/files/:filename/labels` with `{ add }` or `{ remove }`. */
export function editLabels(api: ApiClient, source: string, filename: string, change: { add: string[] } | { remove: string[] }): Promise<ApiResult<unknown>> {
  return api.request("POST", `${filePath(source, filename)}/labels`, { body: change });
}

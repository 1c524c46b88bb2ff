import { type LabelChange, ops } from "@gatehouse/api-contract";
import type { ApiClient, ApiResult } from "./client.js";
import { unwrap } from "./unwrap.js";
import type { FileInfo, PackageAccessInfo, PackageAccessRequest, RepoInfo, VisiblePackage } from "./types.js";

/** What the repo serves the caller now (private packages only to who may see them). */
export async function listRepoPackages(api: ApiClient, repo: string): Promise<ApiResult<VisiblePackage[]>> {
  return unwrap(await api.call(ops.identity.listRepoPackages, { params: { repo } }), (b) => b.packages);
}

/** One project's files in a source. */
export async function listProjectFiles(api: ApiClient, source: string, project: string): Promise<ApiResult<FileInfo[]>> {
  return unwrap(await api.call(ops.files.list, { params: { source }, query: { project } }), (b) => b.files);
}

/** Whether a package of a source is private, and who owns it. */
export function getPackageAccess(api: ApiClient, source: string, name: string): Promise<ApiResult<PackageAccessInfo>> {
  return api.call(ops.identity.getPackageAccess, { params: { source, name } });
}

/** Makes a package private or public, or changes its owner. */
export function setPackageAccess(api: ApiClient, source: string, name: string, request: PackageAccessRequest): Promise<ApiResult<PackageAccessInfo>> {
  return api.call(ops.identity.setPackageAccess, { params: { source, name }, body: request });
}

/** One repo: type, access and subscribed sources. */
export function getRepo(api: ApiClient, name: string): Promise<ApiResult<RepoInfo>> {
  return api.call(ops.repos.get, { params: { name } });
}

/** Yanks a Python file (with an optional reason), or takes the yank back. */
export function yankFile(api: ApiClient, source: string, filename: string, change: { reason?: string } | "undo"): Promise<ApiResult<FileInfo>> {
  const params = { source, filename };
  return change === "undo" ? api.call(ops.files.unyank, { params }) : api.call(ops.files.yank, { params, body: change });
}

/** Removes one version of a package from a source; the filenames stay reserved. */
export function removeVersion(api: ApiClient, source: string, name: string, version: string): Promise<ApiResult<{ removed: string[] }>> {
  return api.call(ops.files.removePackage, { params: { source, name }, query: { version } });
}

/** Adds or removes a conda label of a file. */
export function editLabels(api: ApiClient, source: string, filename: string, change: { add: string[] } | { remove: string[] }): Promise<ApiResult<LabelChange>> {
  return api.call(ops.files.editLabels, { params: { source, filename }, body: change });
}

import { ops } from "@gatehouse/api-contract";
import type { ApiClient, ApiResult } from "./client.js";
import type { FileInfo } from "./types.js";
import { unwrap } from "./unwrap.js";

/** A source's files (removed ones too when asked). */
export async function listSourceFiles(api: ApiClient, source: string, includeRemoved: boolean): Promise<ApiResult<FileInfo[]>> {
  const query = { removed: includeRemoved ? ("true" as const) : undefined };
  return unwrap(await api.call(ops.files.list, { params: { source }, query }), (b) => b.files);
}

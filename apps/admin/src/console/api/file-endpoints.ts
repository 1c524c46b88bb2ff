
import type { ApiClient, ApiResult } from "./client.js";
import { unwrap } from "./unwrap.js";
import type {
  FileInfo,
} from "./types.js";

/** `GET /__api__/sources/:source/files`. */
export async function listSourceFiles(api: ApiClient, source: string, includeRemoved: boolean): Promise<ApiResult<FileInfo[]>> {
  const query = { removed: includeRemoved ? "true" : undefined };
  return unwrap(await api.request<{ files: FileInfo[] }>("GET", `/__api__/sources/${encodeURIComponent(source)}/files`, { query }), (b) => b.files);
}


import type { ApiResult } from "./client.js";

/** The part of an answer the caller wants, or the failure as it was. */
export function unwrap<B, T>(result: ApiResult<B>, pick: (body: B) => T): ApiResult<T> {
  return result.ok ? { ok: true, value: pick(result.value) } : result;
}

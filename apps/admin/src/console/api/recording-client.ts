// Test support: an ApiClient that records each call and answers with a fixed body (never bundled: only tests import it).
import type { ApiClient, ApiResult, RequestOptions } from "./client.js";

/** One call the endpoints made. */
export interface RecordedCall {
  method: string;
  path: string;
  options?: RequestOptions;
}

/** A client that records calls and answers every one with `answer`. */
export function recordingClient(answer: unknown): { api: ApiClient; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const api: ApiClient = {
    async request<T>(method: string, path: string, options?: RequestOptions): Promise<ApiResult<T>> {
      calls.push({ method, path, ...(options ? { options } : {}) });
      // Trusted cast: the test chooses the answer the endpoint expects.
      return { ok: true, value: answer as T };
    },
  };
  return { api, calls };
}

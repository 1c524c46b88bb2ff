import { type ApiFailure, type CallResult, type OperationInput, type OperationOutput, type OperationSpec, prepareRequest, readAnswer } from "@gatehouse/api-contract";

export type { ApiFailure };

/** Outcome of one API call. */
export type ApiResult<T> = CallResult<T>;

/** Calls the JSON API's operations with the signed-in token; paths, bodies and answers come from the contract. */
export interface ApiClient {
  /** Calls one contract operation; the answer is checked against its response schema. */
  call<O extends OperationSpec>(op: O, input: OperationInput<O>): Promise<ApiResult<OperationOutput<O>>>;
}

/** How the client reaches the server and finds the token. */
export interface ApiClientOptions {
  fetch: typeof fetch;
  /** The bearer token to send, read on every call so sign-out takes effect at once. */
  getToken(): string | null;
  /** Called on any 401, so the app can return to the sign-in screen. */
  onUnauthenticated?(failure: ApiFailure): void;
  /** Origin the API lives on; "" for the page's own. */
  baseUrl?: string;
}

function withRetryHint(failure: ApiFailure, retryAfter: string | null): ApiFailure {
  return failure.status === 429 && retryAfter ? { ...failure, message: `${failure.message} (try again in ${retryAfter} s)` } : failure;
}

/**
 * Creates the console's API client. The token travels only in the Authorization header, never in a URL.
 *
 * @example
 * const api = createApiClient({ fetch: window.fetch.bind(window), getToken: () => session.token() });
 * const who = await api.call(ops.account.whoami, {});
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const base = options.baseUrl ?? "";
  return {
    async call<O extends OperationSpec>(op: O, input: OperationInput<O>): Promise<ApiResult<OperationOutput<O>>> {
      const prepared = prepareRequest(op, input);
      const token = options.getToken();
      if (token) prepared.headers.authorization = `Bearer ${token}`;
      let response: Response;
      try {
        response = await options.fetch(`${base}${prepared.path}`, {
          method: prepared.method,
          headers: prepared.headers,
          cache: "no-store",
          credentials: "omit",
          ...(prepared.body !== undefined ? { body: prepared.body } : {}),
        });
      } catch {
        return { ok: false, error: { status: 0, code: "NETWORK_ERROR", message: "could not reach the Gatehouse server; check that it is running" } };
      }
      const answer = readAnswer(op, response.status, await response.text());
      if (answer.ok) return answer;
      const failure = withRetryHint(answer.error, response.headers.get("retry-after"));
      if (response.status === 401) options.onUnauthenticated?.(failure);
      return { ok: false, error: failure };
    },
  };
}

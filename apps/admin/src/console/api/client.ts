import { type ApiFailure, type CallResult, type OperationInput, type OperationOutput, type OperationSpec, prepareRequest, readAnswer } from "@gatehouse/api-contract";

export type { ApiFailure };

/** Outcome of one API call. */
export type ApiResult<T> = CallResult<T>;

/** What a request carries besides method and path. */
export interface RequestOptions {
  query?: Record<string, string | undefined>;
  body?: unknown;
}

/** Sends JSON requests to `/__api__/…` with the signed-in token. */
export interface ApiClient {
  /** Calls one contract operation; the answer is checked against its response schema. */
  call<O extends OperationSpec>(op: O, input: OperationInput<O>): Promise<ApiResult<OperationOutput<O>>>;
  request<T>(method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", path: string, options?: RequestOptions): Promise<ApiResult<T>>;
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

function isErrorBody(body: unknown): body is { error: { code: string; message: string; field?: string } } {
  if (typeof body !== "object" || body === null || !("error" in body)) return false;
  const error: unknown = body.error;
  return typeof error === "object" && error !== null && "code" in error && "message" in error && typeof error.code === "string" && typeof error.message === "string";
}

/**
 * Turns a non-2xx response body into an ApiFailure, using the server's message when it sent one.
 * @example toFailure(400, { error: { code: "INVALID_INPUT", message: "bad", field: "expires" } }, null)
 */
export function toFailure(status: number, body: unknown, retryAfter: string | null): ApiFailure {
  if (isErrorBody(body)) {
    const { code, message, field } = body.error;
    const wait = status === 429 && retryAfter ? ` (try again in ${retryAfter} s)` : "";
    return { status, code, message: `${message}${wait}`, ...(typeof field === "string" ? { field } : {}) };
  }
  return { status, code: `HTTP_${status}`, message: `the server answered ${status} without an explanation` };
}

function withRetryHint(failure: ApiFailure, retryAfter: string | null): ApiFailure {
  return failure.status === 429 && retryAfter ? { ...failure, message: `${failure.message} (try again in ${retryAfter} s)` } : failure;
}

/**
 * Builds a path with a query string, leaving out undefined values.
 * @example buildPath("/__api__/tokens", { expired: "true", revoked: undefined }) // "/__api__/tokens?expired=true"
 */
export function buildPath(path: string, query: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Creates the console's API client. The token travels only in the Authorization header, never in a URL.
 *
 * @example
 * const api = createApiClient({ fetch: window.fetch.bind(window), getToken: () => session.token() });
 * const who = await api.request<WhoAmI>("GET", "/__api__/whoami");
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
    async request<T>(method: string, path: string, request: RequestOptions = {}): Promise<ApiResult<T>> {
      const headers: Record<string, string> = { accept: "application/json" };
      const token = options.getToken();
      if (token) headers.authorization = `Bearer ${token}`;
      if (request.body !== undefined) headers["content-type"] = "application/json";
      let response: Response;
      try {
        response = await options.fetch(`${base}${buildPath(path, request.query)}`, {
          method,
          headers,
          cache: "no-store",
          credentials: "omit",
          ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
        });
      } catch {
        return { ok: false, error: { status: 0, code: "NETWORK_ERROR", message: "could not reach the Gatehouse server; check that it is running" } };
      }
      const body = await readJson(response);
      if (!response.ok) {
        const failure = toFailure(response.status, body, response.headers.get("retry-after"));
        if (response.status === 401) options.onUnauthenticated?.(failure);
        return { ok: false, error: failure };
      }
      if (body === undefined) {
        return { ok: false, error: { status: response.status, code: "BAD_RESPONSE", message: "the server's answer was not JSON; is this a Gatehouse server?" } };
      }
      // Trusted cast: the console is served by the API it talks to, so their versions match.
      return { ok: true, value: body as T };
    },
  };
}

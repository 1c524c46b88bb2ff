import type { OperationInput, OperationOutput, OperationSpec } from "./operation.js";
import { pathParamNames } from "./operation.js";

/** Why a call failed: the server's `{"error":{code,message,field}}`, a transport problem, or an answer off the contract. */
export interface ApiFailure {
  /** HTTP status; 0 when the server could not be reached. */
  status: number;
  code: string;
  message: string;
  /** The request field the message is about, when the server named one. */
  field?: string;
}

/** Outcome of one call. */
export type CallResult<T> = { ok: true; value: T } | { ok: false; error: ApiFailure };

/** A request ready for any transport (fetch, the admin socket, an in-process app). */
export interface PreparedRequest {
  method: string;
  /** Path and query, e.g. `/__api__/tokens?expired=true`. */
  path: string;
  /** The JSON body, serialized; absent for operations without one. */
  body?: string;
  headers: Record<string, string>;
}

type Loose = Record<string, unknown>;

/**
 * The path of an operation with its parameters filled in (each percent-encoded) and its query
 * appended, leaving out undefined values.
 * @example pathFor(ops.tokens.revoke, { guid: "tok_1" }) // "/__api__/tokens/tok_1"
 */
export function pathFor(op: OperationSpec, params: Loose = {}, query: Loose = {}): string {
  let path: string = op.path;
  for (const name of pathParamNames(op.path)) {
    const value = params[name];
    if (typeof value !== "string" || value === "") throw new TypeError(`${op.id}: path parameter ${name} is required`);
    path = path.replace(`:${name}`, encodeURIComponent(value));
  }
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * The request that sends `input` to `op`.
 * @example prepareRequest(ops.tokens.list, { query: { revoked: "true" } }) // { method: "GET", path: "/__api__/tokens?revoked=true", … }
 */
export function prepareRequest<O extends OperationSpec>(op: O, input: OperationInput<O>): PreparedRequest {
  const parts = input as { params?: Loose; query?: Loose; body?: unknown };
  const headers: Record<string, string> = { accept: "application/json" };
  const request: PreparedRequest = { method: op.method, path: pathFor(op, parts.params, parts.query), headers };
  if (op.body !== undefined && parts.body !== undefined) {
    headers["content-type"] = "application/json";
    request.body = JSON.stringify(parts.body);
  }
  return request;
}

function isErrorBody(body: unknown): body is { error: { code: string; message: string; field?: unknown } } {
  if (typeof body !== "object" || body === null || !("error" in body)) return false;
  const error: unknown = body.error;
  return typeof error === "object" && error !== null && "code" in error && "message" in error && typeof error.code === "string" && typeof error.message === "string";
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: text === "" ? null : JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * Reads an answer to `op`: the server's error as an ApiFailure, or the body checked against the
 * response schema. An answer off the contract is a failure (`RESPONSE_SCHEMA`) naming the first
 * field that is wrong, so client and server cannot drift apart unnoticed.
 */
export function readAnswer<O extends OperationSpec>(op: O, status: number, text: string): CallResult<OperationOutput<O>> {
  const json = parseJson(text);
  if (status < 200 || status > 299) {
    if (json.ok && isErrorBody(json.value)) {
      const { code, message, field } = json.value.error;
      return { ok: false, error: { status, code, message, ...(typeof field === "string" ? { field } : {}) } };
    }
    return { ok: false, error: { status, code: `HTTP_${status}`, message: `the server answered HTTP ${status} without an explanation` } };
  }
  if (!json.ok) return { ok: false, error: { status, code: "BAD_RESPONSE", message: "the server's answer was not JSON; is this a Gatehouse server?" } };
  const checked = op.response.safeParse(json.value);
  if (!checked.success) return { ok: false, error: { status, code: "RESPONSE_SCHEMA", message: `${op.id}: the answer does not match the API contract: ${describeIssue(checked.error.issues)}` } };
  return { ok: true, value: checked.data as OperationOutput<O> };
}

/** The first schema issue as `path: message`, for a failure a person can act on. */
export function describeIssue(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const first = issues[0];
  if (first === undefined) return "invalid";
  const where = first.path.map(String).join(".");
  return where ? `${where}: ${first.message}` : first.message;
}

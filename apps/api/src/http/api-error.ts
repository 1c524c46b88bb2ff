import { type DomainErrorCode, isDomainError } from "@gatehouse/domain";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** Error codes only the HTTP layer raises. */
export type HttpOnlyCode = "RATE_LIMITED" | "CREDENTIALS_CONFLICT" | "BAD_REQUEST" | "ROUTE_NOT_FOUND";
/** Every code an API error body may carry. */
export type ApiErrorCode = DomainErrorCode | HttpOnlyCode;

/** The one table mapping error codes to HTTP statuses. */
export const STATUS_OF: Record<ApiErrorCode, ContentfulStatusCode> = {
  INVALID_INPUT: 400,
  BAD_REQUEST: 400,
  CREDENTIALS_CONFLICT: 400,
  DIGEST_MISMATCH: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BLOCKED: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  CONFLICT: 409,
  TOO_LARGE: 413,
  // WebDAV's Insufficient Storage: the request was fine, the server has no room for it now.
  STORAGE_FULL: 507,
  RATE_LIMITED: 429,
  CONFIG_INVALID: 500,
  INTERNAL: 500,
  UPSTREAM_FAILED: 502,
  UPSTREAM_TIMEOUT: 504,
  DATABASE_IN_USE: 503,
};

/** An error raised by the HTTP layer itself, rendered like domain errors. */
export class ApiError extends Error {
  override readonly name = "ApiError";

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The JSON body of every API error. */
export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; field?: string };
}

/** Turns any thrown value into a status and body; unknown errors become a generic 500. */
export function toErrorResponse(err: unknown): { status: ContentfulStatusCode; body: ApiErrorBody; headers: Record<string, string> } {
  if (err instanceof ApiError || isDomainError(err)) {
    const field = err.field;
    return {
      status: STATUS_OF[err.code],
      body: { error: { code: err.code, message: err.message, ...(field ? { field } : {}) } },
      headers: err instanceof ApiError ? err.headers : {},
    };
  }
  return { status: 500, body: { error: { code: "INTERNAL", message: "internal error; see the server log" } }, headers: {} };
}

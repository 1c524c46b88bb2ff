/** Stable codes of every expected failure this package reports. */
export type NetrcErrorCode =
  | "NETRC_UNSAFE_VALUE"
  | "URL_INVALID"
  | "NETRC_PARSE"
  | "CONFIG_PARSE"
  | "CONFIG_UNSUPPORTED"
  | "TOKEN_ENV_INVALID"
  | "CLIENT_UNKNOWN"
  | "CONNECT_ENV_FILE_REQUIRED"
  | "NETRC_TOKEN_CONFLICT"
  | "NETRC_ENTRY_HIDDEN"
  | "REPO_KIND_MISSING"
  | "FILE_LOCKED";

/** An expected failure: a stable code and a message a user can act on. */
export interface NetrcError {
  code: NetrcErrorCode;
  message: string;
}

/** Outcome of an operation that can fail in an expected way. */
export type Result<T, E = NetrcError> = { ok: true; value: T } | { ok: false; error: E };

/** Wraps a value as a successful result. */
export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** Builds a failed result with the given code and message. */
export function fail(code: NetrcErrorCode, message: string): { ok: false; error: NetrcError } {
  return { ok: false, error: { code, message } };
}

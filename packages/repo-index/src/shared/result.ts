/** A value or a typed, user-facing error: how this package reports expected failures. */
export type Result<T, E = IndexError> = { ok: true; value: T } | { ok: false; error: E };

/** An expected failure reading or validating a package, with a stable code. */
export interface IndexError {
  code: string;
  message: string;
}

/** Wraps a value as a successful result. */
export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** Wraps an error as a failed result. */
export function fail<E = IndexError>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}

/** A value or a typed, user-facing error: how this package reports expected failures. */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

/** Every stable error code the domain raises; apps map them to statuses and exit codes. */
export type DomainErrorCode =
  | "INVALID_INPUT"
  | "NOT_FOUND"
  | "ALREADY_EXISTS"
  | "CONFLICT"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "BLOCKED"
  | "TOO_LARGE"
  | "STORAGE_FULL"
  | "DIGEST_MISMATCH"
  | "DATABASE_IN_USE"
  | "CONFIG_INVALID"
  | "UPSTREAM_FAILED"
  | "UPSTREAM_TIMEOUT"
  | "INTERNAL";

/**
 * The one error type the domain throws for expected failures.
 * `field` names the input at fault (a CLI flag or API field) when there is one.
 *
 * @example
 * throw new DomainError("NOT_FOUND", "no repo named 'pypi'; list them with `gatehouse list repos`");
 */
export class DomainError extends Error {
  override readonly name = "DomainError";

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Whether a value is a DomainError (also across duplicated module copies). */
export function isDomainError(value: unknown): value is DomainError {
  return value instanceof Error && value.name === "DomainError" && "code" in value;
}

/** Exit codes: 2 for input the user can fix, 1 for everything else. */
export const EXIT_USAGE = 2;
export const EXIT_FAILURE = 1;

const USAGE_CODES = new Set(["INVALID_INPUT", "BAD_REQUEST", "CREDENTIALS_CONFLICT", "DIGEST_MISMATCH"]);

/** Options describing a CLI failure. */
export interface CliErrorOptions {
  code?: string;
  /** The API field (or flag name) at fault; shown as `--field`. */
  field?: string;
  hint?: string;
  status?: number;
  exitCode?: number;
}

/** A failure to report in one line (plus an optional hint), never with a stack trace unless --verbose. */
export class CliError extends Error {
  override readonly name = "CliError";
  readonly code: string;
  readonly field: string | undefined;
  readonly hint: string | undefined;
  readonly status: number | undefined;
  readonly exitCode: number;

  constructor(message: string, options: CliErrorOptions = {}) {
    super(message);
    this.code = options.code ?? "FAILED";
    this.field = options.field;
    this.hint = options.hint;
    this.status = options.status;
    this.exitCode = options.exitCode ?? (USAGE_CODES.has(this.code) ? EXIT_USAGE : EXIT_FAILURE);
  }
}

const FLAG_OF: Record<string, string> = { scopes: "scope", expires: "expires" };

/** The one line (and hint) a CLI error prints. */
export function formatCliError(err: CliError): string {
  const flag = err.field ? `--${FLAG_OF[err.field] ?? err.field}: ` : "";
  const hint = err.hint ? `\n  hint: ${err.hint}` : "";
  return `gatehouse: ${flag}${err.message}${hint}`;
}

import { CliError } from "./cli-error.js";

const TRUE = new Set(["true", "yes", "1"]);
const FALSE = new Set(["false", "no", "0"]);

/** The rewritten arguments, and the refusal of a value that is neither true nor false (its argument dropped). */
export interface NormalizedArgv {
  argv: string[];
  refused?: CliError;
}

/**
 * Rewrites `--flag=true|false` (and `--flag true|false`) into oclif's boolean
 * forms `--flag` / `--no-flag`, so the seeds' spellings (`rspm edit repo
 * --authenticated=false`, a bare `--authenticated`) all parse; another value
 * is refused naming the flag.
 *
 * @example normalizeBooleanFlags(["--authenticated=false"], ["authenticated"]).argv // ["--no-authenticated"]
 */
export function normalizeBooleanFlags(argv: readonly string[], names: readonly string[]): NormalizedArgv {
  const out: string[] = [];
  let refused: CliError | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const name = names.find((n) => arg === `--${n}` || arg.startsWith(`--${n}=`));
    if (name === undefined) {
      out.push(arg);
      continue;
    }
    let value: string | undefined = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : undefined;
    const next = argv[i + 1];
    if (value === undefined && next !== undefined && (TRUE.has(next.toLowerCase()) || FALSE.has(next.toLowerCase()))) {
      value = next;
      i++;
    }
    if (value === undefined || TRUE.has(value.toLowerCase())) out.push(`--${name}`);
    else if (FALSE.has(value.toLowerCase())) out.push(`--no-${name}`);
    else refused ??= new CliError(`expected true or false, got '${value}' (or write --${name} / --no-${name})`, { code: "INVALID_INPUT", field: name });
  }
  return refused === undefined ? { argv: out } : { argv: out, refused };
}

import { ok } from "../shared/result.js";
import type { Result } from "../shared/result.js";
import { failVersionSpec } from "../shared/version-spec-error.js";
import type { VersionSpec } from "../shared/version-spec-types.js";
import { compareRVersion, isValidRVersion } from "./r-version.js";

type Comparison = (order: number) => boolean;

const OPERATORS: Record<string, Comparison> = {
  ">=": (o) => o >= 0,
  ">": (o) => o > 0,
  "<=": (o) => o <= 0,
  "<": (o) => o < 0,
  "==": (o) => o === 0,
  "!=": (o) => o !== 0,
};

const CLAUSE_RE = /^(>=|<=|==|!=|>|<)\s*([^\s()]*)$/;

type Clause = { ok: true; bound: string; accepts: Comparison } | { ok: false; why: string };

/** Removes one pair of parentheses around the whole text, as DESCRIPTION writes `(>= 1.2)`. */
function unwrap(text: string): { ok: true; text: string } | { ok: false } {
  const opens = text.startsWith("(");
  if (opens !== text.endsWith(")")) return { ok: false };
  return { ok: true, text: opens ? text.slice(1, -1).trim() : text };
}

function parseClause(raw: string): Clause {
  const unwrapped = unwrap(raw);
  if (!unwrapped.ok || /[()]/.test(unwrapped.text)) return { ok: false, why: `the parentheses in "${raw}" do not pair up` };
  const clause = unwrapped.text;
  const m = CLAUSE_RE.exec(clause);
  const op = m?.[1];
  const accepts = op === undefined ? undefined : OPERATORS[op];
  if (op === undefined || accepts === undefined) {
    const hint = isValidRVersion(clause) ? `; to mean exactly this version write "== ${clause}"` : "";
    return { ok: false, why: `"${clause}" does not start with an operator (>=, >, <=, <, ==, !=)${hint}` };
  }
  const bound = m?.[2] ?? "";
  if (bound === "") return { ok: false, why: `"${op}" needs a version after it, as in "${op} 1.0"` };
  if (!isValidRVersion(bound)) {
    return { ok: false, why: `"${bound}" is not an R version: use at least two numbers separated by '.' or '-' (e.g. 1.0, 2.3-1)` };
  }
  return { ok: true, bound, accepts };
}

/**
 * Parses an R version requirement as DESCRIPTION files write them, optionally in parentheses,
 * with comma-separated conditions that must all hold: `(>= 1.2)`, `>= 1.2, < 2.0`, `(>= 1.2), (!= 1.5-1)`.
 * Versions compare component by component, as R's package_version does.
 *
 * @example
 * const spec = parseRVersionSpec("(>= 1.2)");
 * spec.ok && spec.value.matches("1.10-2") // true
 */
export function parseRVersionSpec(text: string): Result<VersionSpec> {
  const trimmed = text.trim();
  // One pair around the whole list, as in `(>= 1.2, < 2.0)`; inner pairs are handled per condition.
  const whole = /^\([^()]*\)$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed;
  const clauses: { bound: string; accepts: Comparison }[] = [];
  for (const raw of whole.split(",")) {
    if (raw.trim() === "") return failVersionSpec("r", trimmed, "a condition between commas is empty");
    const clause = parseClause(raw.trim());
    if (!clause.ok) return failVersionSpec("r", trimmed, clause.why);
    clauses.push(clause);
  }
  return ok({
    ecosystem: "r",
    text: trimmed,
    matches(version: string): boolean {
      const candidate = version.trim();
      if (!isValidRVersion(candidate)) return false;
      return clauses.every((c) => c.accepts(compareRVersion(candidate, c.bound)));
    },
  });
}

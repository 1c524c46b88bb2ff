import { hasCondaPrefix } from "./conda-version-prefix.js";
import { type CondaVersion, compareParsedCondaVersions, parseCondaVersion } from "./version-order.js";

/** A candidate version: its lowercased text (for globs) and its parse (undefined when it is not a conda version). */
export interface CondaCandidate {
  text: string;
  version: CondaVersion | undefined;
}

/** Tests one candidate version. */
export type CondaClauseTest = (candidate: CondaCandidate) => boolean;

/** A compiled clause, or why it is wrong (a sentence fragment for the user). */
export type CompiledCondaClause = { ok: true; test: CondaClauseTest } | { ok: false; why: string };

const OPERATOR_RE = /^(==|!=|<=|>=|~=|=|<|>)\s*(.*)$/;
const GLOB_RE = /^[*.+!_0-9a-z]+$/;

type Parsed = { ok: true; version: CondaVersion } | { ok: false; why: string };

function parseBound(text: string): Parsed {
  if (text.includes("*")) return { ok: false, why: `'*' may only end a version (as in 1.2.*), not appear inside "${text}"` };
  const parsed = parseCondaVersion(text);
  return parsed.ok ? { ok: true, version: parsed.value } : { ok: false, why: parsed.error.message.replace(/\.$/, "") };
}

function stripStar(text: string): string {
  return text.endsWith(".*") ? text.slice(0, -2) : text.replace(/\*+$/, "");
}

const ORDERINGS: Record<string, (order: number) => boolean> = {
  "==": (o) => o === 0,
  "<=": (o) => o <= 0,
  ">=": (o) => o >= 0,
  "<": (o) => o < 0,
  ">": (o) => o > 0,
};

function compileCompatible(bound: CondaVersion): CompiledCondaClause {
  // conda's `~=1.2.3` is `>=1.2.3` and starts with `1.2` (the bound minus its last dotted component).
  const cut = bound.normalized.lastIndexOf(".");
  const prefix = cut > 0 ? parseCondaVersion(bound.normalized.slice(0, cut)) : undefined;
  if (prefix === undefined || !prefix.ok) return { ok: false, why: "~= needs at least two components, as in ~=1.2 or ~=1.2.3" };
  const start = prefix.value;
  return { ok: true, test: (c) => c.version !== undefined && compareParsedCondaVersions(c.version, bound) >= 0 && hasCondaPrefix(c.version, start) };
}

function compileOperator(op: string, rawBound: string): CompiledCondaClause {
  if (rawBound === "") return { ok: false, why: `"${op}" needs a version after it, as in ${op}1.0` };
  if (/^[=<>!~]/.test(rawBound)) return { ok: false, why: `unknown operator "${op}${rawBound.charAt(0)}": use ==, !=, <=, >=, <, >, = or ~=` };
  const starred = rawBound.endsWith("*");
  if (starred && op === "~=") return { ok: false, why: "~= cannot be combined with '*'" };
  const bound = parseBound(starred ? stripStar(rawBound) : rawBound);
  if (!bound.ok) return bound;
  const b = bound.version;
  // `=1.2` is fuzzy (1.2.*); a trailing `*` makes `==` and `!=` prefix tests too. On <, >, <=, >= it adds nothing (as in conda).
  if (op === "=" || (starred && op === "==")) return { ok: true, test: (c) => c.version !== undefined && hasCondaPrefix(c.version, b) };
  if (op === "!=") {
    const equal = starred ? (v: CondaVersion) => hasCondaPrefix(v, b) : (v: CondaVersion) => compareParsedCondaVersions(v, b) === 0;
    return { ok: true, test: (c) => c.version !== undefined && !equal(c.version) };
  }
  if (op === "~=") return compileCompatible(b);
  const accepts = ORDERINGS[op];
  if (accepts === undefined) return { ok: false, why: `unknown operator "${op}"` };
  return { ok: true, test: (c) => c.version !== undefined && accepts(compareParsedCondaVersions(c.version, b)) };
}

function compileBare(text: string): CompiledCondaClause {
  if (text === "*") return { ok: true, test: (c) => c.version !== undefined };
  if (stripStar(text).includes("*")) {
    if (!GLOB_RE.test(text)) return { ok: false, why: `"${text}" may only hold letters, digits, '.', '_', '+', '!' and '*'` };
    // A '*' inside (1.*.3) is a glob over the version text, as conda matches it.
    const glob = new RegExp(`^${text.replaceAll(".", "\\.").replaceAll("+", "\\+").replaceAll("*", ".*")}$`);
    return { ok: true, test: (c) => c.version !== undefined && glob.test(c.text) };
  }
  if (text.endsWith("*")) return compileOperator("=", stripStar(text));
  const bound = parseBound(text);
  if (!bound.ok) return bound;
  const b = bound.version;
  // A bare version is exact (1.2 matches 1.2 and 1.2.0, not 1.2.1).
  return { ok: true, test: (c) => c.version !== undefined && compareParsedCondaVersions(c.version, b) === 0 };
}

/**
 * Compiles one conda version clause: `>=1.2`, `1.2.*`, `1.2*`, `=1.2`, `==1.2`, `1.2`, `!=1.2`, `~=1.2.3`, `1.*.3`, `*`.
 * Deviation from conda: spaces after an operator are allowed (`>= 1.2`), and `==1.2.*` is a prefix test.
 */
export function compileCondaClause(clause: string): CompiledCondaClause {
  const text = clause.trim().toLowerCase();
  if (text === "") return { ok: false, why: "a condition is empty" };
  if (/^[=<>!~]/.test(text)) {
    const m = OPERATOR_RE.exec(text);
    if (m === null) return { ok: false, why: `unknown operator at the start of "${clause}": use ==, !=, <=, >=, <, >, = or ~=` };
    return compileOperator(m[1] ?? "", (m[2] ?? "").trim());
  }
  return compileBare(text);
}

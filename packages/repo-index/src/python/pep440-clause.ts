import { compareVersionParts } from "./pep440-compare.js";
import { type VersionParts, parseVersionParts } from "./pep440.js";

/** Tests one candidate: its exact parts (undefined when it is not PEP 440) and its raw text (for `===`). */
export type Pep440ClauseTest = (candidate: VersionParts | undefined, raw: string) => boolean;

/** A compiled clause, or why the clause is wrong (a sentence fragment for the user). */
export type CompiledClause = { ok: true; test: Pep440ClauseTest } | { ok: false; why: string };

const CLAUSE_RE = /^(~=|===|==|!=|<=|>=|<|>)\s*(.*)$/;
const WILDCARD_RE = /^v?(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)*\.\*$/i;

function withoutLocal(parts: VersionParts): VersionParts {
  const { local: _local, ...rest } = parts;
  return rest;
}

function isPrerelease(parts: VersionParts): boolean {
  return parts.pre !== undefined || parts.dev !== undefined;
}

/** Same epoch and release (`1.0` == `1.0.0`), ignoring pre/post/dev/local. */
function hasSameBase(a: VersionParts, b: VersionParts): boolean {
  return compareVersionParts({ epoch: a.epoch, release: a.release }, { epoch: b.epoch, release: b.release }) === 0;
}

/** PEP 440 prefix matching: the candidate's release, zero-padded, starts with the prefix's. */
function hasPrefix(candidate: VersionParts, prefix: VersionParts): boolean {
  return candidate.epoch === prefix.epoch && prefix.release.every((digits, i) => (candidate.release[i] ?? "0") === digits);
}

function compileWildcard(op: string, text: string): CompiledClause {
  if (op !== "==" && op !== "!=") return { ok: false, why: `'.*' is only allowed after == and != (not ${op})` };
  if (!WILDCARD_RE.test(text)) return { ok: false, why: `'.*' must follow a plain release number, as in ${op}1.4.*` };
  const prefix = parseVersionParts(text.slice(0, -2));
  if (prefix === undefined) return { ok: false, why: `"${text}" is not a valid prefix` };
  const equal = (c: VersionParts | undefined) => c !== undefined && hasPrefix(c, prefix);
  return { ok: true, test: op === "==" ? equal : (c) => c !== undefined && !equal(c) };
}

function compileOrdered(op: string, spec: VersionParts): Pep440ClauseTest {
  switch (op) {
    case "<=":
      return (c) => c !== undefined && compareVersionParts(withoutLocal(c), spec) <= 0;
    case ">=":
      return (c) => c !== undefined && compareVersionParts(withoutLocal(c), spec) >= 0;
    case "<":
      // `<V` excludes pre-releases of V itself unless V is one (`<2.0` does not match 2.0rc1).
      return (c) =>
        c !== undefined && compareVersionParts(c, spec) < 0 && !(!isPrerelease(spec) && isPrerelease(c) && hasSameBase(c, spec));
    default:
      // `>V` excludes post-releases of V unless V is one, and local versions of V (`>1.7` does not match 1.7.post1 or 1.7+abc).
      return (c) =>
        c !== undefined &&
        compareVersionParts(c, spec) > 0 &&
        !(spec.post === undefined && c.post !== undefined && hasSameBase(c, spec)) &&
        !(c.local !== undefined && hasSameBase(c, spec));
  }
}

function compileCompatible(spec: VersionParts): CompiledClause {
  if (spec.release.length < 2) return { ok: false, why: "~= needs at least two release numbers, as in ~=1.4 or ~=1.4.2" };
  const prefix: VersionParts = { epoch: spec.epoch, release: spec.release.slice(0, -1) };
  return { ok: true, test: (c) => c !== undefined && compareVersionParts(withoutLocal(c), spec) >= 0 && hasPrefix(c, prefix) };
}

function compileEquality(op: string, spec: VersionParts): Pep440ClauseTest {
  // Without a local label in the spec, the candidate's local label is ignored (`==1.0` matches 1.0+abc).
  const equal = (c: VersionParts) => compareVersionParts(spec.local === undefined ? withoutLocal(c) : c, spec) === 0;
  return op === "==" ? (c) => c !== undefined && equal(c) : (c) => c !== undefined && !equal(c);
}

/**
 * Compiles one PEP 440 version clause (`>=1.2`, `==1.4.*`, `~=1.4.2`, `===foo`, …).
 * Membership semantics: pre-releases inside the range match, since a blocklist must not let them through.
 */
export function compilePep440Clause(clause: string): CompiledClause {
  const m = CLAUSE_RE.exec(clause);
  const op = m?.[1];
  const text = (m?.[2] ?? "").trim();
  if (op === undefined) {
    const hint = parseVersionParts(clause) === undefined ? "" : `; to mean exactly this version write ==${clause}`;
    return { ok: false, why: `"${clause}" does not start with an operator (~=, ==, !=, <=, >=, <, >, ===)${hint}` };
  }
  if (text === "") return { ok: false, why: `"${op}" needs a version after it, as in ${op}1.0` };
  if (op === "===") {
    if (/\s/.test(text)) return { ok: false, why: `"${text}" contains spaces` };
    const wanted = text.toLowerCase();
    return { ok: true, test: (_c, raw) => raw.trim().toLowerCase() === wanted };
  }
  if (text.endsWith(".*")) return compileWildcard(op, text);
  const spec = parseVersionParts(text);
  if (spec === undefined) return { ok: false, why: `"${text}" is not a PEP 440 version (e.g. 1.0, 2.1rc1, 3.0.post1)` };
  if (op === "==" || op === "!=") return { ok: true, test: compileEquality(op, spec) };
  if (spec.local !== undefined) return { ok: false, why: `a local version (+${spec.local.join(".")}) is only allowed after == and !=` };
  if (op === "~=") return compileCompatible(spec);
  return { ok: true, test: compileOrdered(op, spec) };
}

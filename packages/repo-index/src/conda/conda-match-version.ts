import { ok } from "../shared/result.js";
import type { Result } from "../shared/result.js";
import { failVersionSpec } from "../shared/version-spec-error.js";
import type { VersionSpec } from "../shared/version-spec-types.js";
import { type CondaClauseTest, compileCondaClause } from "./conda-version-clause.js";
import { parseCondaVersion } from "./version-order.js";

const TOKEN_RE = /\s*([|,()])\s*|([^|,()]+)/g;

/** Thrown inside the parser only, and turned into a failed Result at its boundary. */
class SpecSyntaxError extends Error {}

/** Recursive descent over `or := and ('|' and)*`, `and := atom (',' atom)*`, `atom := '(' or ')' | clause`. */
class CondaSpecParser {
  private position = 0;

  constructor(private readonly tokens: readonly string[]) {}

  parse(): CondaClauseTest {
    const test = this.parseOr();
    const extra = this.tokens[this.position];
    if (extra !== undefined) throw new SpecSyntaxError(`unexpected "${extra}"${extra === ")" ? " without a matching '('" : ""}`);
    return test;
  }

  private parseOr(): CondaClauseTest {
    const alternatives = [this.parseAnd()];
    while (this.tokens[this.position] === "|") {
      this.position++;
      alternatives.push(this.parseAnd());
    }
    const [only] = alternatives;
    return alternatives.length === 1 && only ? only : (c) => alternatives.some((test) => test(c));
  }

  private parseAnd(): CondaClauseTest {
    const all = [this.parseAtom()];
    while (this.tokens[this.position] === ",") {
      this.position++;
      all.push(this.parseAtom());
    }
    const [only] = all;
    return all.length === 1 && only ? only : (c) => all.every((test) => test(c));
  }

  private parseAtom(): CondaClauseTest {
    const token = this.tokens[this.position];
    if (token === undefined) throw new SpecSyntaxError("it ends where a version was expected");
    if (token === "|" || token === "," || token === ")") throw new SpecSyntaxError(`a version is missing before "${token}"`);
    this.position++;
    if (token === "(") {
      const inner = this.parseOr();
      if (this.tokens[this.position] !== ")") throw new SpecSyntaxError("a '(' is never closed");
      this.position++;
      return inner;
    }
    const clause = compileCondaClause(token);
    if (!clause.ok) throw new SpecSyntaxError(clause.why);
    return clause.test;
  }
}

function tokenize(text: string): string[] {
  return [...text.matchAll(TOKEN_RE)].map((m) => (m[1] ?? m[2] ?? "").trim()).filter((t) => t !== "");
}

/**
 * Parses the version part of a conda match spec: `>=1.2,<2`, `1.2.*`, `=1.2` (fuzzy), `==1.2` and `1.2` (exact),
 * `!=1.3`, `~=1.2.3`, alternatives with `|` (`,` binds tighter) and parentheses, compared by conda's VersionOrder.
 *
 * @example
 * const spec = parseCondaVersionSpec("1.2.*|>=2,<3");
 * spec.ok && spec.value.matches("2.5") // true
 */
export function parseCondaVersionSpec(text: string): Result<VersionSpec> {
  const trimmed = text.trim();
  let test: CondaClauseTest;
  try {
    test = new CondaSpecParser(tokenize(trimmed)).parse();
  } catch (err) {
    if (err instanceof SpecSyntaxError) return failVersionSpec("conda", trimmed, err.message);
    throw err;
  }
  return ok({
    ecosystem: "conda",
    text: trimmed,
    matches(version: string): boolean {
      const parsed = parseCondaVersion(version);
      return test({ text: version.trim().toLowerCase(), version: parsed.ok ? parsed.value : undefined });
    },
  });
}

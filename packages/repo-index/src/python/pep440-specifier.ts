import { ok } from "../shared/result.js";
import type { Result } from "../shared/result.js";
import { failVersionSpec } from "../shared/version-spec-error.js";
import type { VersionSpec } from "../shared/version-spec-types.js";
import { type Pep440ClauseTest, compilePep440Clause } from "./pep440-clause.js";
import { parseVersionParts } from "./pep440.js";

/**
 * Parses a PEP 440 specifier set: comma-separated clauses that must all hold (`>=1.2, <2, !=1.5.*`).
 * Pre-releases and dev releases in the range match (membership, not pip's install-time preference).
 *
 * @example
 * const spec = parsePep440Specifier("~=1.4.2");
 * spec.ok && spec.value.matches("1.4.9") // true; "1.5.0" is false
 */
export function parsePep440Specifier(text: string): Result<VersionSpec> {
  const trimmed = text.trim();
  const tests: Pep440ClauseTest[] = [];
  for (const raw of trimmed.split(",")) {
    const clause = raw.trim();
    if (clause === "") return failVersionSpec("python", trimmed, "a condition between commas is empty");
    const compiled = compilePep440Clause(clause);
    if (!compiled.ok) return failVersionSpec("python", trimmed, compiled.why);
    tests.push(compiled.test);
  }
  return ok({
    ecosystem: "python",
    text: trimmed,
    matches(version: string): boolean {
      const parts = parseVersionParts(version);
      return tests.every((test) => test(parts, version));
    },
  });
}

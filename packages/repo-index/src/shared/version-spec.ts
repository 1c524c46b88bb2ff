import { parseCondaVersionSpec } from "../conda/conda-match-version.js";
import { parsePep440Specifier } from "../python/pep440-specifier.js";
import { parseRVersionSpec } from "../r/r-version-spec.js";
import type { Result } from "./result.js";
import { failVersionSpec } from "./version-spec-error.js";
import type { SpecEcosystem, VersionSpec } from "./version-spec-types.js";

/**
 * Parses a version range in an ecosystem's own syntax: PEP 440 specifier sets for python,
 * DESCRIPTION-style requirements for R, match-spec version parts for conda.
 *
 * @example
 * const spec = parseVersionSpec("python", ">=1.2,<2");
 * spec.ok && spec.value.matches("1.5") // true
 */
export function parseVersionSpec(ecosystem: SpecEcosystem, text: string): Result<VersionSpec> {
  const trimmed = text.trim();
  if (trimmed === "") return failVersionSpec(ecosystem, text, "it is empty; leave the range out to mean every version");
  if (ecosystem === "python") return parsePep440Specifier(trimmed);
  if (ecosystem === "r") return parseRVersionSpec(trimmed);
  return parseCondaVersionSpec(trimmed);
}

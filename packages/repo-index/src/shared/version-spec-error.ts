import { type Result, fail } from "./result.js";
import type { SpecEcosystem, VersionSpec } from "./version-spec-types.js";

const SYNTAX_NAMES: Record<SpecEcosystem, string> = {
  python: "a PEP 440 specifier (python)",
  r: "an R version requirement (r, bioconductor)",
  conda: "a conda match-spec version (conda)",
};

const EXAMPLES: Record<SpecEcosystem, string> = {
  python: '">=1.2,<2", "==1.4.*", "~=1.4.2"',
  r: '">= 1.2", "(>= 1.2, < 2.0)"',
  conda: '">=1.2,<2", "1.2.*", "=1.2", "1.2|1.4"',
};

/**
 * The failure every version-range parser returns: it names the range, the syntax expected,
 * what is wrong and valid examples, so a user can fix it without reading docs.
 * @example failVersionSpec("r", "> 1", "R versions have at least two numbers")
 */
export function failVersionSpec(ecosystem: SpecEcosystem, text: string, why: string): Result<VersionSpec> {
  return fail({
    code: "VERSION_SPEC_INVALID",
    message: `"${text}" is not ${SYNTAX_NAMES[ecosystem]}: ${why} (examples: ${EXAMPLES[ecosystem]})`,
  });
}

import { SPEC_ECOSYSTEMS, type SpecEcosystem, parseVersionSpec } from "@gatehouse/repo-index";
import type { RepoType } from "../db/index.js";
import { DomainError } from "../errors/index.js";

const MAX_REASON = 500;

/**
 * The version-range syntax of a repo type: Bioconductor repos use R's.
 * @example specEcosystemOf("bioconductor") // "r"
 */
export function specEcosystemOf(type: RepoType): SpecEcosystem {
  return type === "bioconductor" ? "r" : type;
}

/** Returns the trimmed reason, or throws INVALID_INPUT: a rule must say why (users see it on refused downloads). */
export function requireReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed === "") throw new DomainError("INVALID_INPUT", "a reason is required: say why the package is blocked (clients see it when a download is refused)", "reason");
  if (trimmed.length > MAX_REASON) throw new DomainError("INVALID_INPUT", `the reason may have at most ${MAX_REASON} characters (it has ${trimmed.length})`, "reason");
  return trimmed;
}

/**
 * Returns the trimmed range, or null for every version; throws INVALID_INPUT unless it parses in the
 * repo's ecosystem, or, for a rule without a repo, in every ecosystem (it applies to all of them).
 */
export function requireVersions(versions: string | null | undefined, repoType: RepoType | null): string | null {
  if (versions === undefined || versions === null) return null;
  const text = versions.trim();
  if (text === "") throw new DomainError("INVALID_INPUT", "the version range is empty: leave it out to block every version", "versions");
  const ecosystems = repoType === null ? SPEC_ECOSYSTEMS : [specEcosystemOf(repoType)];
  for (const ecosystem of ecosystems) {
    const parsed = parseVersionSpec(ecosystem, text);
    if (parsed.ok) continue;
    const advice =
      repoType === null
        ? "; a rule without a repo applies to python, R and conda alike, so its range must be valid in all three; name a repo (--repo) to use that repo's own syntax"
        : "";
    throw new DomainError("INVALID_INPUT", `invalid version range: ${parsed.error.message}${advice}`, "versions");
  }
  return text;
}

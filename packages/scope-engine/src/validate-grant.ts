import { closestName } from "./closest-name.js";
import { parseResourceList } from "./resource-names.js";
import type { Result } from "./result.js";
import type { ScopeError } from "./scope-error.js";
import { findScope, SCOPES, scopeStyle } from "./scopes.js";
import type { Grant, ResourceList } from "./vocabulary.js";

/**
 * Splits a scope list typed by a user on spaces and/or commas, dropping empty entries.
 * @example parseScopeList("repos conda:download,pypi") // ["repos", "conda:download", "pypi"]
 */
export function parseScopeList(text: string): string[] {
  return text.split(/[\s,]+/).filter((s) => s !== "");
}

function fail(code: ScopeError["code"], message: string, flag: ScopeError["flag"]): Result<Grant, ScopeError> {
  return { ok: false, error: flag === undefined ? { code, message } : { code, message, flag } };
}

function acceptedScopes(): string {
  const usable = SCOPES.filter((s) => !s.deprecated);
  const posit = usable.filter((s) => s.style === "posit").map((s) => s.name);
  const anaconda = usable.filter((s) => s.style === "anaconda").map((s) => s.name);
  return `Posit-style: ${posit.join(", ")}; Anaconda-style: ${anaconda.join(", ")}`;
}

// Lists arrive already parsed from the API but could still hold bad names; re-check them the same way.
function checkList(list: ResourceList, flag: "repos" | "sources"): Result<ResourceList, ScopeError> {
  if (list === "*") return { ok: true, value: "*" };
  const parsed = parseResourceList(list.join(","));
  if (!parsed.ok) return { ok: false, error: { ...parsed.error, flag } };
  return parsed;
}

function isEmptyList(list: ResourceList): boolean {
  return list !== "*" && list.length === 0;
}

/**
 * Validates the scopes and lists of a token about to be created, and fills in default lists.
 * Refuses unknown and deprecated scopes, mixed styles, and list-scoped scopes without their list.
 * @example validateNewGrant({ scopes: ["repos:read"], repos: ["team-py"] }) // ok, sources defaults to []
 */
export function validateNewGrant(input: {
  scopes: readonly string[];
  repos?: ResourceList;
  sources?: ResourceList;
}): Result<Grant, ScopeError> {
  const scopes = [...new Set(input.scopes.map((s) => s.trim()).filter((s) => s !== ""))];
  if (scopes.length === 0) return fail("SCOPE_EMPTY", `A token needs at least one scope: ${acceptedScopes()}.`, "scope");
  for (const scope of scopes) {
    const def = findScope(scope);
    if (def === undefined) {
      const near = closestName(scope, SCOPES.filter((s) => !s.deprecated).map((s) => s.name));
      const hint = near === undefined ? "" : ` Did you mean "${near}"?`;
      return fail("SCOPE_UNKNOWN", `Unknown scope "${scope}".${hint} Accepted scopes: ${acceptedScopes()}.`, "scope");
    }
    if (def.deprecated) {
      return fail(
        "SCOPE_DEPRECATED",
        `Scope "${scope}" is deprecated and no longer granted to new tokens; use "repos:read" with --repos to read the metadata of those repos.`,
        "scope",
      );
    }
  }
  const style = scopeStyle(scopes);
  if (style === "mixed") {
    return fail(
      "SCOPE_MIXED_STYLES",
      `Posit-style and Anaconda-style scopes cannot be mixed in one token (got ${scopes.join(", ")}); create one token per style.`,
      "scope",
    );
  }
  const fallback: ResourceList = style === "anaconda" ? "*" : [];
  const repos = checkList(input.repos ?? fallback, "repos");
  if (!repos.ok) return repos;
  const sources = checkList(input.sources ?? fallback, "sources");
  if (!sources.ok) return sources;
  if (scopes.includes("repos:read") && isEmptyList(repos.value)) {
    return fail("SCOPE_NEEDS_REPOS", `Scope "repos:read" needs the repos it may read: pass --repos a,b or --repos '*'.`, "repos");
  }
  if (scopes.includes("sources:write") && isEmptyList(sources.value)) {
    return fail(
      "SCOPE_NEEDS_SOURCES",
      `Scope "sources:write" needs the sources it may write to: pass --sources a,b or --sources '*'.`,
      "sources",
    );
  }
  return { ok: true, value: { scopes, repos: repos.value, sources: sources.value } };
}

import type { Result } from "./result.js";
import type { ScopeError } from "./scope-error.js";
import { REPO_TYPES } from "./vocabulary.js";
import type { RepoType, Resource, ResourceList } from "./vocabulary.js";

const NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** Names that would collide with Gatehouse's own URL segments, so no repo or source may take them. */
export const RESERVED_RESOURCE_NAMES: ReadonlySet<string> = new Set([
  "__api__",
  "__admin__",
  "t",
  "healthz",
  "metrics",
  "label",
  "simple",
  "files",
  "legacy",
  "src",
]);

const NAME_RULE =
  "1 to 64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit, and not a reserved name";

/**
 * Returns true when `name` may name a repo or source: lower-case URL-safe and not a reserved path segment.
 * @example isValidResourceName("team-py") // true
 */
export function isValidResourceName(name: string): boolean {
  return NAME.test(name) && !RESERVED_RESOURCE_NAMES.has(name);
}

function invalidName(name: string): ScopeError {
  const reserved = RESERVED_RESOURCE_NAMES.has(name) ? " (it is reserved)" : "";
  return { code: "RESOURCE_NAME_INVALID", message: `"${name}" is not a valid name${reserved}: use ${NAME_RULE}.` };
}

/**
 * Parses a `--repos` / `--sources` value: `*` for all, or a comma-separated list of names (empty text gives []).
 * Duplicates and empty entries are dropped.
 * @example parseResourceList("a, b") // { ok: true, value: ["a", "b"] }
 */
export function parseResourceList(text: string): Result<ResourceList, ScopeError> {
  const trimmed = text.trim();
  if (trimmed === "*") return { ok: true, value: "*" };
  const names: string[] = [];
  for (const raw of trimmed.split(",")) {
    const name = raw.trim();
    // Stray commas ("a,,b", "a,") are forgiven: they carry no meaning.
    if (name === "") continue;
    if (name === "*") {
      return {
        ok: false,
        error: { code: "RESOURCE_NAME_INVALID", message: `"*" means every name and cannot be mixed with other names.` },
      };
    }
    if (!isValidResourceName(name)) return { ok: false, error: invalidName(name) };
    if (!names.includes(name)) names.push(name);
  }
  return { ok: true, value: names };
}

const RESOURCE_FORMS = `"repo:NAME", "repo:NAME:TYPE", "source:NAME", "source:NAME:KIND", or "global" (TYPE/KIND: ${REPO_TYPES.join(", ")})`;

function isRepoType(s: string): s is RepoType {
  return (REPO_TYPES as readonly string[]).includes(s);
}

function badResource(message: string): Result<Resource, ScopeError> {
  return { ok: false, error: { code: "RESOURCE_NAME_INVALID", message } };
}

/**
 * Parses the resource text of `gatehouse explain --resource`.
 * @example parseResource("repo:team-py:python") // { ok: true, value: { repo: "team-py", repoType: "python" } }
 */
export function parseResource(text: string): Result<Resource, ScopeError> {
  const trimmed = text.trim();
  if (trimmed === "" || trimmed === "global") return { ok: true, value: {} };
  const [kind, name, type, ...extra] = trimmed.split(":");
  if ((kind !== "repo" && kind !== "source") || name === undefined || extra.length > 0) {
    return badResource(`Resource "${trimmed}" is not understood: use ${RESOURCE_FORMS}.`);
  }
  if (!isValidResourceName(name)) return { ok: false, error: invalidName(name) };
  if (type !== undefined && !isRepoType(type)) {
    return badResource(`"${type}" is not a ${kind} type: use one of ${REPO_TYPES.join(", ")}.`);
  }
  if (kind === "repo") return { ok: true, value: type === undefined ? { repo: name } : { repo: name, repoType: type } };
  return { ok: true, value: type === undefined ? { source: name } : { source: name, sourceKind: type } };
}

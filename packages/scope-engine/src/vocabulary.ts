/** The kinds of package ecosystems a repo serves or a source holds. */
export type RepoType = "python" | "r" | "bioconductor" | "conda";

/** Every repo type, in display order. */
export const REPO_TYPES: readonly RepoType[] = ["python", "r", "bioconductor", "conda"];

/** Something the rest of the system asks permission for. */
export type Action =
  | "tokens:manage"
  | "tokens:own"
  | "repos:manage"
  | "repo:read"
  | "source:write"
  | "blocklist:read"
  | "blocklist:manage"
  | "metadata:read"
  | "metadata:manage"
  | "groups:manage"
  | "api:read";

/** Every action, in display order. */
export const ACTIONS: readonly Action[] = [
  "tokens:manage",
  "tokens:own",
  "repos:manage",
  "repo:read",
  "source:write",
  "blocklist:read",
  "blocklist:manage",
  "metadata:read",
  "metadata:manage",
  "groups:manage",
  "api:read",
];

const ACTION_SET: ReadonlySet<string> = new Set(ACTIONS);

/**
 * Narrows a string to an `Action` when it is one of the known action names.
 * @example isKnownAction("repo:read") // true
 */
export function isKnownAction(s: string): s is Action {
  return ACTION_SET.has(s);
}

/** What an action applies to: one repo (and its type) or one source (and its kind); empty for global actions. */
export interface Resource {
  repo?: string;
  repoType?: RepoType;
  source?: string;
  sourceKind?: RepoType;
}

/** Either every resource (`"*"`) or the listed names. */
export type ResourceList = "*" | readonly string[];

/** What a token may do: its scopes plus the repo and source lists that limit the list-scoped ones. */
export interface Grant {
  scopes: readonly string[];
  repos: ResourceList;
  sources: ResourceList;
}

/** Which resource field an action is checked against; null for global actions. */
export type ActionSubject = "repo" | "source" | null;

const SUBJECTS: Readonly<Record<Action, ActionSubject>> = {
  "tokens:manage": null,
  "tokens:own": null,
  "repos:manage": null,
  "repo:read": "repo",
  "source:write": "source",
  "blocklist:read": null,
  "blocklist:manage": null,
  "metadata:read": "repo",
  "metadata:manage": null,
  "groups:manage": null,
  "api:read": null,
};

/**
 * Returns the resource field an action is limited by (`repo` or `source`), or null when it is global.
 * @example subjectOf("source:write") // "source"
 */
export function subjectOf(action: Action): ActionSubject {
  // `?? null` guards untyped callers passing an unknown action.
  return SUBJECTS[action] ?? null;
}

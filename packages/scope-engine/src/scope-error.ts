/** Why a scope list, resource list or resource text was refused. */
export type ScopeErrorCode =
  | "SCOPE_UNKNOWN"
  | "SCOPE_DEPRECATED"
  | "SCOPE_NEEDS_REPOS"
  | "SCOPE_NEEDS_SOURCES"
  | "SCOPE_EMPTY"
  | "SCOPE_MIXED_STYLES"
  | "RESOURCE_NAME_INVALID";

/** A refused input; `flag` names the CLI flag / API field to fix when there is one. */
export interface ScopeError {
  code: ScopeErrorCode;
  message: string;
  flag?: "scope" | "repos" | "sources";
}

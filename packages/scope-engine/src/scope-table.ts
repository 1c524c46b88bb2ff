// The single definition of every scope: what it implies and what it gives.
// Everything else (authorize, isWithin, explanations, validation) derives from this data.
import type { Action, RepoType } from "./vocabulary.js";

/**
 * Where a gift applies: everywhere (`"any"`), only on the names in the grant's repos/sources list
 * (`"listed"`, picked by the action's subject), or only on repos/sources of one type.
 */
export type GiftReach = "any" | "listed" | { type: RepoType };

/** One permission a scope gives directly. */
export interface Gift {
  action: Action;
  on: GiftReach;
}

/** The naming family of a scope: Posit Package Manager style or Anaconda style. */
export type ScopeStyle = "posit" | "anaconda";

/** A scope's full definition. `gives: "everything"` means every action on every resource. */
export interface ScopeDefinition {
  name: string;
  style: ScopeStyle;
  deprecated: boolean;
  summary: string;
  implies: readonly string[];
  gives: readonly Gift[] | "everything";
}

const any = "any" as const;
const listed = "listed" as const;

/** Every scope Gatehouse knows, Posit-style first, then Anaconda-style. */
export const SCOPE_TABLE: readonly ScopeDefinition[] = [
  {
    name: "global:admin",
    style: "posit",
    deprecated: false,
    summary: "Everything: every action on every repo, source, token and setting.",
    implies: [],
    gives: "everything",
  },
  {
    name: "sources:write",
    style: "posit",
    deprecated: false,
    summary: "Upload to and remove from the sources named in the token's sources list (--sources).",
    implies: [],
    gives: [{ action: "source:write", on: listed }],
  },
  {
    name: "repos:read",
    style: "posit",
    deprecated: false,
    summary: "Read and download from the repos named in the token's repos list (--repos), and read their metadata.",
    implies: [],
    gives: [
      { action: "repo:read", on: listed },
      { action: "metadata:read", on: listed },
    ],
  },
  {
    name: "blocklist:admin",
    style: "posit",
    deprecated: false,
    summary: "Create, edit and delete blocklist rules (and read them).",
    implies: ["blocklist:read"],
    gives: [{ action: "blocklist:manage", on: any }],
  },
  {
    name: "blocklist:read",
    style: "posit",
    deprecated: false,
    summary: "Read blocklist rules.",
    implies: [],
    gives: [{ action: "blocklist:read", on: any }],
  },
  {
    name: "metadata:admin",
    style: "posit",
    deprecated: false,
    summary: "Create, edit and delete package metadata (and read it).",
    implies: ["metadata:read"],
    gives: [{ action: "metadata:manage", on: any }],
  },
  {
    name: "metadata:read",
    style: "posit",
    deprecated: true,
    summary: "Deprecated: read package metadata of every repo. New tokens use repos:read instead.",
    implies: [],
    gives: [{ action: "metadata:read", on: any }],
  },
  {
    name: "all",
    style: "anaconda",
    deprecated: false,
    summary: "Everything: every action on every repo, source, token and setting.",
    implies: [],
    gives: "everything",
  },
  {
    name: "api",
    style: "anaconda",
    deprecated: false,
    summary: "The whole API: api:read, api:write and api:modify-group.",
    implies: ["api:read", "api:write", "api:modify-group"],
    gives: [],
  },
  {
    name: "api:read",
    style: "anaconda",
    deprecated: false,
    summary: "Read-only API: listings of users, orgs, groups and audit, blocklist rules and metadata.",
    implies: [],
    gives: [
      { action: "api:read", on: any },
      { action: "blocklist:read", on: any },
      { action: "metadata:read", on: any },
    ],
  },
  {
    name: "api:write",
    style: "anaconda",
    deprecated: false,
    summary: "Manage repos, sources and metadata, upload to any source, and manage the user's own tokens.",
    implies: ["api:read"],
    gives: [
      { action: "repos:manage", on: any },
      { action: "metadata:manage", on: any },
      { action: "tokens:own", on: any },
      { action: "source:write", on: any },
    ],
  },
  {
    name: "api:modify-group",
    style: "anaconda",
    deprecated: false,
    summary: "Manage users, organizations, groups, their members and grants, and package privacy.",
    implies: [],
    gives: [{ action: "groups:manage", on: any }],
  },
  {
    name: "conda",
    style: "anaconda",
    deprecated: false,
    summary: "Download from conda repos and upload to conda sources.",
    implies: ["conda:download"],
    gives: [{ action: "source:write", on: { type: "conda" } }],
  },
  {
    name: "conda:download",
    style: "anaconda",
    deprecated: false,
    summary: "Download from conda repos.",
    implies: [],
    gives: [{ action: "repo:read", on: { type: "conda" } }],
  },
  {
    name: "pypi",
    style: "anaconda",
    deprecated: false,
    summary: "Download from python repos and upload to python sources.",
    implies: ["pypi:download", "pypi:upload"],
    gives: [],
  },
  {
    name: "pypi:download",
    style: "anaconda",
    deprecated: false,
    summary: "Download from python repos.",
    implies: [],
    gives: [{ action: "repo:read", on: { type: "python" } }],
  },
  {
    name: "pypi:upload",
    style: "anaconda",
    deprecated: false,
    summary: "Upload to python sources.",
    implies: [],
    gives: [{ action: "source:write", on: { type: "python" } }],
  },
  {
    name: "repos",
    style: "anaconda",
    deprecated: false,
    summary: "Read and download from every repo.",
    implies: [],
    gives: [{ action: "repo:read", on: any }],
  },
];

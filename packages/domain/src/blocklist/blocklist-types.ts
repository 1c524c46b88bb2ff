/** A blocklist rule as the API and CLI show it. */
export interface BlocklistRuleInfo {
  id: string;
  /** The package name as the rule was written. */
  name: string;
  /** The version range in the ecosystem's own syntax, or null for every version. */
  versions: string | null;
  /** The repo the rule is limited to, or null for every repo. */
  repo: string | null;
  reason: string;
  createdBy: string;
  createdAt: string;
}

/** What a new rule says. */
export interface CreateBlocklistRuleInput {
  name: string;
  /** Omitted or null: every version. */
  versions?: string | null;
  /** Omitted or null: every repo. */
  repo?: string | null;
  reason: string;
}

/** An active rule as the read path needs it (ids, not display data). */
export interface BlockRule {
  id: string;
  /** The package name as the rule was written; the matcher normalizes it per ecosystem. */
  package: string;
  versions: string | null;
  repoId: string | null;
  repo: string | null;
  reason: string;
}

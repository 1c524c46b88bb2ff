import type { BlocklistRuleInfo } from "@gatehouse/api-contract";
import { renderTable } from "./table.js";

/**
 * What a rule blocks, in one phrase.
 * @example describeRule(rule) // "requests <2.32 in repo pypi"
 */
export function describeRule(rule: Pick<BlocklistRuleInfo, "name" | "versions" | "repo">): string {
  const versions = rule.versions === null ? "(every version)" : rule.versions;
  return `${rule.name} ${versions} ${rule.repo === null ? "in every repo" : `in repo ${rule.repo}`}`;
}

/** Blocklist rules as a table. */
export function renderRuleTable(rules: readonly BlocklistRuleInfo[]): string {
  return renderTable(
    ["ID", "NAME", "VERSIONS", "REPO", "CREATED BY", "CREATED", "REASON"],
    rules.map((r) => [r.id, r.name, r.versions ?? "*", r.repo ?? "*", r.createdBy, r.createdAt, r.reason]),
  );
}

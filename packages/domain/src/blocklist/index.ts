export * from "./blocklist-types.js";
export { BlocklistMatcher, loadActiveBlockRules } from "./blocklist-matcher.js";
export { createBlocklistRule, deleteBlocklistRule, listBlocklistRules } from "./blocklist-service.js";
export { specEcosystemOf } from "./rule-input.js";

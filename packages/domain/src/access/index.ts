export type { AccessBasis, AccessDecision } from "./access-decision.js";
export { decideRepoRead, decideSourceWrite, type RepoFacts } from "./repo-permissions.js";

export { authorize, isAllowed } from "./authorize.js";
export type { Decision } from "./authorize.js";
export { ceilingScopeOf } from "./ceiling.js";
export { closestName, didYouMean } from "./closest-name.js";
export { compileGrant } from "./compile-grant.js";
export type { CompiledGrant } from "./compile-grant.js";
export { describeTarget } from "./explain-denial.js";
export { giftsOf } from "./gifts.js";
export type { HeldGift } from "./gifts.js";
export { isWithin } from "./is-within.js";
export {
  isValidResourceName,
  parseResource,
  parseResourceList,
  RESERVED_RESOURCE_NAMES,
} from "./resource-names.js";
export type { Result } from "./result.js";
export type { ScopeError, ScopeErrorCode } from "./scope-error.js";
export { SCOPE_TABLE } from "./scope-table.js";
export type { Gift, GiftReach, ScopeDefinition, ScopeStyle } from "./scope-table.js";
export { expandScopes, findScope, impliedBy, isKnownScope, SCOPES, scopeStyle } from "./scopes.js";
export { parseScopeList, validateNewGrant } from "./validate-grant.js";
export { ACTIONS, isKnownAction, REPO_TYPES, subjectOf } from "./vocabulary.js";
export type { Action, ActionSubject, Grant, RepoType, Resource, ResourceList } from "./vocabulary.js";

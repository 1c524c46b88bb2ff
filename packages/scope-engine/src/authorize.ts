import type { CompiledGrant, CompiledRule, Grantor } from "./compile-grant.js";
import { explainDenial } from "./explain-denial.js";
import type { Action, Resource } from "./vocabulary.js";

/** The outcome of one permission check, with a sentence a user can act on. */
export interface Decision {
  allowed: boolean;
  action: Action;
  resource: Resource;
  grantedBy: string | null;
  explanation: string;
}

const NO_RESOURCE: Resource = Object.freeze({});

// Returns the grantor covering this resource, or null. Kept allocation-free: it runs on every request.
function findGrantor(rule: CompiledRule, resource: Resource | undefined): Grantor | null {
  if (rule.any !== null) return rule.any;
  if (resource === undefined) return null;
  const isRepo = rule.subject === "repo";
  const name = isRepo ? resource.repo : resource.source;
  if (rule.names !== null && name !== undefined && rule.names.has(name)) return rule.namesGrantor;
  const type = isRepo ? resource.repoType : resource.sourceKind;
  if (rule.types !== null && type !== undefined) return rule.types.get(type) ?? null;
  return null;
}

/**
 * Returns true when the compiled grant allows `action` on `resource`: the cheap check for hot paths.
 * @example isAllowed(compileGrant({ scopes: ["repos"], repos: "*", sources: "*" }), "repo:read", { repo: "x" }) // true
 */
export function isAllowed(grant: CompiledGrant, action: Action, resource?: Resource): boolean {
  const rule = grant.rules.get(action);
  return rule !== undefined && findGrantor(rule, resource) !== null;
}

/**
 * Decides whether the compiled grant allows `action` on `resource`, and explains why (or what is missing).
 * @example authorize(compiled, "source:write", { source: "team-py", sourceKind: "python" }).explanation
 */
export function authorize(grant: CompiledGrant, action: Action, resource?: Resource): Decision {
  const rule = grant.rules.get(action);
  const grantor = rule === undefined ? null : findGrantor(rule, resource);
  const target = resource ?? NO_RESOURCE;
  if (grantor === null) {
    return { allowed: false, action, resource: target, grantedBy: null, explanation: explainDenial(grant, action, target) };
  }
  // Listed-name grantors hold a sentence prefix; the name completes it.
  const explanation =
    rule !== undefined && grantor === rule.namesGrantor && rule.any === null
      ? `${grantor.text}${rule.subject === "repo" ? target.repo : target.source}", which is in the token's ${rule.subject}s list.`
      : grantor.text;
  return { allowed: true, action, resource: target, grantedBy: grantor.scope, explanation };
}

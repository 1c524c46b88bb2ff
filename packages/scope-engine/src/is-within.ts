import { compileGrant } from "./compile-grant.js";
import type { CompiledRule } from "./compile-grant.js";
import { describeTarget } from "./explain-denial.js";
import type { Grant } from "./vocabulary.js";

function missingFrom(child: CompiledRule, parent: CompiledRule | undefined): string | null {
  if (parent !== undefined && parent.any !== null) return null;
  const subject = child.subject ?? "resource";
  if (child.any !== null) {
    const where = child.subject === null ? "" : ` on every ${subject}`;
    return `"${child.action}"${where} (from scope "${child.any.scope}")`;
  }
  if (child.names !== null) {
    for (const name of child.names) {
      if (parent?.names?.has(name) !== true) {
        const target = describeTarget(child.action, child.subject === "repo" ? { repo: name } : { source: name });
        return `${target} (from scope "${child.namesGrantor?.scope ?? "?"}")`;
      }
    }
  }
  if (child.types !== null) {
    for (const [type, grantor] of child.types) {
      if (parent?.types?.has(type) !== true) {
        return `"${child.action}" on every ${subject} of type ${type} (from scope "${grantor.scope}")`;
      }
    }
  }
  return null;
}

/**
 * Checks that `child` allows nothing `parent` does not, comparing what the scopes actually grant
 * (implication followed, repo/source lists applied, `*` covering any list); used so no token creates a broader one.
 * @example isWithin({ scopes: ["conda:download"], repos: "*", sources: "*" }, { scopes: ["conda"], repos: "*", sources: "*" }) // { ok: true }
 */
export function isWithin(child: Grant, parent: Grant): { ok: true } | { ok: false; reason: string } {
  const parentRules = compileGrant(parent).rules;
  for (const rule of compileGrant(child).rules.values()) {
    const missing = missingFrom(rule, parentRules.get(rule.action));
    if (missing !== null) {
      return { ok: false, reason: `The new grant would allow ${missing}, which the parent grant does not allow.` };
    }
  }
  return { ok: true };
}

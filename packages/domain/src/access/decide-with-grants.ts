import type { Action, Decision, Resource } from "@gatehouse/scope-engine";
import type { Actor } from "../auth/index.js";
import type { DomainContext } from "../context.js";
import { findRepoByName, findSourceByName } from "../repos/repo-queries.js";
import type { AccessBasis } from "./access-decision.js";
import { decideRepoRead, decideSourceWrite } from "./repo-permissions.js";

function describeBasis(basis: AccessBasis | null, fallback: string | null): string | null {
  if (basis === null) return fallback;
  if (basis.kind === "grant") return `group ${basis.group} (${basis.permission} grant ${basis.grantId}) within ${basis.ceiling}`;
  return basis.kind === "public" ? "public repo" : basis.scope;
}

/**
 * A scope-engine decision completed with what the server also weighs for
 * repo reads and source writes: public repos and group grants (within the
 * token's scopes). Other actions are decided by scopes alone, unchanged.
 *
 * @example (await decideWithGrants(ctx, actor, "repo:read", { repo: "cran" }, decision)).explanation
 */
export async function decideWithGrants(ctx: DomainContext, actor: Actor, action: Action, resource: Resource, byScope: Decision): Promise<Decision> {
  if (byScope.allowed) return byScope;
  let access = null;
  if (action === "repo:read" && resource.repo !== undefined) {
    const repo = await findRepoByName(ctx.db, resource.repo);
    if (repo) access = await decideRepoRead(ctx, actor, repo);
  } else if (action === "source:write" && resource.source !== undefined) {
    const source = await findSourceByName(ctx.db, resource.source);
    if (source) access = await decideSourceWrite(ctx, actor, source);
  }
  if (access === null) return byScope;
  return { ...byScope, allowed: access.allowed, grantedBy: describeBasis(access.basis, byScope.grantedBy), explanation: access.explanation };
}

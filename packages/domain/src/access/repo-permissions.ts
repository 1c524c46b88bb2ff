import { type Action, type Resource, ceilingScopeOf } from "@gatehouse/scope-engine";
import { type Actor, can, decide, grantOf, userIdOf } from "../auth/index.js";
import type { DomainContext } from "../context.js";
import type { Permission, RepoType, SourceRow } from "../db/index.js";
import { DomainError } from "../errors/index.js";
import { selectReposOfSource } from "../repos/repo-queries.js";
import { type AccessDecision, describeGrantBasis } from "./access-decision.js";
import { findRepoGrant } from "./grant-lookup.js";

/** The facts about a repo that access to it depends on. */
export interface RepoFacts {
  id: string;
  name: string;
  type: RepoType;
  authenticated: boolean;
}

/**
 * Scope first, then a group grant: the grant decides where a member may act,
 * the token's scopes stay the ceiling of what kind of action it may do.
 */
async function decideWithGrant(
  ctx: DomainContext,
  actor: Actor,
  scoped: { action: Action; resource?: Resource },
  grant: { repoIds: readonly string[]; needed: Permission; ceilingAction: Action; ceilingType: RepoType; what: string },
): Promise<AccessDecision> {
  const byScope = decide(actor, scoped.action, scoped.resource);
  if (byScope.allowed) return { allowed: true, basis: { kind: "scope", scope: byScope.grantedBy ?? "" }, explanation: byScope.explanation };
  const userId = userIdOf(actor);
  const held = userId === null ? undefined : await findRepoGrant(ctx, userId, grant.repoIds, grant.needed);
  if (!held) return { allowed: false, basis: null, explanation: byScope.explanation };
  const ceiling = ceilingScopeOf(grantOf(actor), grant.ceilingAction, grant.ceilingType);
  if (ceiling === null) {
    return {
      allowed: false,
      basis: null,
      explanation: `Denied: group "${held.group}" holds ${held.permission} on ${grant.what}, but this token's scopes (${grantOf(actor).scopes.join(", ") || "none"}) never give "${grant.ceilingAction}" on a ${grant.ceilingType} ${grant.ceilingAction === "repo:read" ? "repo" : "source"}: a token's scopes are its ceiling.`,
    };
  }
  const basis = { kind: "grant" as const, grantId: held.grantId, group: held.group, permission: held.permission, ceiling };
  return { allowed: true, basis, explanation: describeGrantBasis(basis, grant.what) };
}

/**
 * Whether the actor may read the repo: anyone for a public repo; else a scope
 * that covers it, or a read (or stronger) group grant within the token's scopes.
 *
 * @example (await decideRepoRead(ctx, actor, repo)).allowed
 */
export async function decideRepoRead(ctx: DomainContext, actor: Actor, repo: RepoFacts): Promise<AccessDecision> {
  if (!repo.authenticated) return { allowed: true, basis: { kind: "public" }, explanation: `Allowed: repo "${repo.name}" is public.` };
  return decideWithGrant(
    ctx,
    actor,
    { action: "repo:read", resource: { repo: repo.name, repoType: repo.type } },
    { repoIds: [repo.id], needed: "read", ceilingAction: "repo:read", ceilingType: repo.type, what: `repo "${repo.name}"` },
  );
}

/** Throws unless the actor may read the repo: UNAUTHENTICATED without credentials (clients retry with them), else FORBIDDEN. */
export async function requireRepoRead(ctx: DomainContext, actor: Actor, repo: RepoFacts): Promise<AccessDecision> {
  const decision = await decideRepoRead(ctx, actor, repo);
  if (decision.allowed) return decision;
  if (actor.kind === "anonymous") {
    throw new DomainError("UNAUTHENTICATED", `repo '${repo.name}' requires authentication: present a token (netrc, URL or Authorization header)`);
  }
  throw new DomainError(
    "FORBIDDEN",
    `this token may not read repo '${repo.name}': it needs repos:read with '${repo.name}' in its --repos list (or a broader scope), or its user a group grant on the repo`,
  );
}

/**
 * Whether the actor may upload to (and remove from) the source: a scope that
 * covers it, or a write/admin grant on a repo subscribing it, within the token's scopes.
 */
export async function decideSourceWrite(ctx: DomainContext, actor: Actor, source: Pick<SourceRow, "id" | "name" | "kind">): Promise<AccessDecision> {
  const resource = { source: source.name, sourceKind: source.kind };
  // Grants are looked up only when the scopes alone do not decide it.
  const repoIds = userIdOf(actor) === null || can(actor, "source:write", resource) ? [] : await selectReposOfSource(ctx.db, source.id);
  return decideWithGrant(
    ctx,
    actor,
    { action: "source:write", resource },
    { repoIds, needed: "write", ceilingAction: "source:write", ceilingType: source.kind, what: `a repo subscribing source "${source.name}"` },
  );
}

/** Throws unless the actor may write the source (see decideSourceWrite). */
export async function requireSourceWrite(ctx: DomainContext, actor: Actor, source: Pick<SourceRow, "id" | "name" | "kind">): Promise<AccessDecision> {
  const decision = await decideSourceWrite(ctx, actor, source);
  if (decision.allowed) return decision;
  if (actor.kind === "anonymous") throw new DomainError("UNAUTHENTICATED", "authentication required: present a token");
  throw new DomainError("FORBIDDEN", decision.explanation);
}

/**
 * Whether the actor may administer what a repo serves (package access, labels,
 * settings): `scoped` names the scope-based permission, else an admin grant on
 * one of `repoIds` with a write-capable token (a read-only token changes nothing).
 */
export async function decideRepoAdmin(
  ctx: DomainContext,
  actor: Actor,
  scoped: { action: Action; resource?: Resource },
  target: { repoIds: readonly string[]; type: RepoType; what: string },
): Promise<AccessDecision> {
  return decideWithGrant(ctx, actor, scoped, { repoIds: target.repoIds, needed: "admin", ceilingAction: "source:write", ceilingType: target.type, what: target.what });
}

/** Ids of the repos that serve a source: where a grant on a repo reaches its sources. */
export function reposServingSource(ctx: DomainContext, sourceId: string): Promise<string[]> {
  return selectReposOfSource(ctx.db, sourceId);
}

import { type Action, type Decision, type Resource, authorize, compileGrant, isKnownAction, ACTIONS } from "@gatehouse/scope-engine";
import { hashToken, parseToken } from "@gatehouse/token-model";
import { type Actor, can, compiledGrantOf, userIdOf } from "../auth/index.js";
import { decideWithGrants } from "../access/decide-with-grants.js";
import type { DomainContext } from "../context.js";
import type { RepoType } from "../db/index.js";
import { DomainError } from "../errors/index.js";
import { findTokenByGuid, findTokenByHash, grantOfTokenRow } from "../tokens/index.js";

/** Which token to explain: one named by plaintext or guid, or the caller's own. */
export type ExplainSubject = { token: string } | { guid: string } | { self: true };

/** A decision plus who it is about. */
export interface Explanation extends Decision {
  subject: { display: string; user: string; scopes: string[] } | { kind: string };
}

/** Fills in a repo's type or a source's kind from the database, so decisions see what they depend on. */
export async function completeResource(ctx: DomainContext, resource: Resource): Promise<Resource> {
  const out: Resource = { ...resource };
  if (out.repo && !out.repoType) {
    const row = await ctx.db.selectFrom("repos").select("type").where("name", "=", out.repo).executeTakeFirst();
    if (row) out.repoType = row.type as RepoType;
  }
  if (out.source && !out.sourceKind) {
    const row = await ctx.db.selectFrom("sources").select("kind").where("name", "=", out.source).executeTakeFirst();
    if (row) out.sourceKind = row.kind as RepoType;
  }
  return out;
}

/**
 * Explains whether a token may do an action on a resource, and why. Explaining
 * someone else's token needs `tokens:manage`; anyone may explain their own.
 */
export async function explainAccess(
  ctx: DomainContext,
  actor: Actor,
  subject: ExplainSubject,
  action: string,
  resource: Resource,
): Promise<Explanation> {
  if (!isKnownAction(action)) {
    throw new DomainError("INVALID_INPUT", `unknown action '${action}'; known actions: ${ACTIONS.join(", ")}`, "action");
  }
  const full = await completeResource(ctx, resource);
  if ("self" in subject) {
    const decision = await decideWithGrants(ctx, actor, action as Action, full, authorize(compiledGrantOf(actor), action as Action, full));
    return { ...decision, subject: { kind: actor.kind } };
  }
  if ("token" in subject) {
    const parsed = parseToken(subject.token);
    if (!parsed.ok) throw new DomainError("INVALID_INPUT", parsed.error.message, "token");
  }
  const row = "token" in subject ? await findTokenByHash(ctx.db, hashToken(subject.token)) : await findTokenByGuid(ctx.db, subject.guid);
  if (!row || (!can(actor, "tokens:manage") && row.user_id !== userIdOf(actor))) {
    if (actor.kind === "anonymous") throw new DomainError("UNAUTHENTICATED", "authentication required: present a token");
    throw new DomainError("NOT_FOUND", "no such token");
  }
  const grant = grantOfTokenRow(row);
  const compiled = compileGrant(grant);
  // The token's holder as the server would see them, so group grants count as they would on a request.
  const holder: Actor = { kind: "token", tokenId: row.id, guid: row.guid, display: row.display, userId: row.user_id, userName: row.user_name, grant, compiled };
  const decision = await decideWithGrants(ctx, holder, action as Action, full, authorize(compiled, action as Action, full));
  const revoked = row.revoked_at !== null;
  const expired = row.expires_at !== null && ctx.now() >= row.expires_at;
  const dead = revoked || expired;
  return {
    ...decision,
    allowed: decision.allowed && !dead,
    explanation: dead ? `denied: the token is ${revoked ? "revoked" : "expired"}; ${decision.explanation}` : decision.explanation,
    subject: { display: row.display, user: row.user_name, scopes: row.scopes },
  };
}

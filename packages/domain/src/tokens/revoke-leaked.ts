import { hashToken, parseToken } from "@gatehouse/token-model";
import { recordAudit } from "../audit/index.js";
import { recordChange } from "../changes/index.js";
import type { DomainContext } from "../context.js";
import { findTokenByHash, markRevoked } from "./token-queries.js";

/** What became of a reported token: only the audit log says; the sender is told nothing. */
export type LeakedTokenOutcome = "revoked" | "already-revoked" | "unknown" | "malformed";

/** Where a leak report came from, for the audit log. */
export interface LeakReportMeta {
  address?: string | null;
  requestId?: string | null;
}

/**
 * Revokes a token reported as leaked, whoever reports it (a secret scanner, a stranger who found
 * it): holding the secret is the proof. Idempotent; the outcome is audited (`token.revoke_leaked`,
 * by GUID, never the secret) and must not be shown to the sender, so reports cannot probe tokens.
 *
 * @example await revokeLeakedToken(domain, "gth-…", { address: "192.0.2.7" }) // "revoked"
 */
export async function revokeLeakedToken(ctx: DomainContext, presented: string, meta: LeakReportMeta = {}): Promise<LeakedTokenOutcome> {
  const base = { actor: "anonymous", action: "token.revoke_leaked", address: meta.address ?? null, requestId: meta.requestId ?? null };
  if (!parseToken(presented).ok) {
    await recordAudit(ctx.db, { ...base, outcome: "failed", detail: { result: "malformed" } });
    return "malformed";
  }
  const row = await findTokenByHash(ctx.db, hashToken(presented));
  if (!row) {
    await recordAudit(ctx.db, { ...base, outcome: "failed", detail: { result: "unknown" } });
    return "unknown";
  }
  const now = ctx.now();
  const revoked = await ctx.db.transaction().execute(async (tx) => {
    const changed = await markRevoked(tx, row.id, now);
    if (changed) await recordChange(tx, { kind: "token" });
    await recordAudit(tx, {
      ...base,
      target: `token:${row.guid}`,
      detail: { result: changed ? "revoked" : "already-revoked", display: row.display, user: row.user_name },
    });
    return changed;
  });
  if (revoked) ctx.bus.publish({ kind: "token" });
  return revoked ? "revoked" : "already-revoked";
}

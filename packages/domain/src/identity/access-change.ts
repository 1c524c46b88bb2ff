import type { Kysely } from "kysely";
import { recordAudit } from "../audit/index.js";
import { type Actor, describeActor, requireAllowed } from "../auth/index.js";
import { type Change, recordChange } from "../changes/index.js";
import type { DomainContext, RequestMeta } from "../context.js";
import type { Database } from "../db/index.js";

/** What one identity change did: its result, its audit entry and any extra caches to drop. */
export interface AccessChangeOutcome<T> {
  value: T;
  action: string;
  target: string;
  detail?: Record<string, unknown>;
  /** Changes besides `access` (e.g. a package whose index pages must be re-rendered). */
  also?: Change[];
}

/**
 * Runs an identity change in one transaction with its audit entry and change
 * records, then tells this process's caches (token verifier, visibility,
 * grants, index pages) to drop what they hold.
 */
export async function commitAccessChange<T>(
  ctx: DomainContext,
  actor: Actor,
  meta: RequestMeta,
  work: (tx: Kysely<Database>) => Promise<AccessChangeOutcome<T>>,
): Promise<T> {
  const outcome = await ctx.db.transaction().execute(async (tx) => {
    const done = await work(tx);
    const changes: Change[] = [{ kind: "access" }, ...(done.also ?? [])];
    for (const change of changes) await recordChange(tx, change);
    await recordAudit(tx, {
      actor: describeActor(actor),
      action: done.action,
      target: done.target,
      address: meta.address ?? null,
      detail: done.detail ?? {},
    });
    return { done, changes };
  });
  for (const change of outcome.changes) ctx.bus.publish(change);
  return outcome.done.value;
}

/** Throws unless the actor may manage organizations, groups, members and grants (`api:modify-group` or broader). */
export function requireGroupsManage(actor: Actor): void {
  requireAllowed(actor, "groups:manage");
}

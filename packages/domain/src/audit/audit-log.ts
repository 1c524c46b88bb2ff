import type { Kysely } from "kysely";
import type { AuditEventRow, Database } from "../db/index.js";

/** One audit entry: who did what to which target, from where. Never holds a secret. */
export interface AuditInput {
  actor: string;
  action: string;
  target?: string | null;
  outcome?: "ok" | "denied" | "failed";
  address?: string | null;
  detail?: Record<string, unknown>;
}

/** An audit entry as the API returns it. */
export interface AuditEvent {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  outcome: string;
  address: string | null;
  detail: Record<string, unknown>;
}

/** Appends an audit event (inside the caller's transaction when given one). */
export async function recordAudit(db: Kysely<Database>, input: AuditInput): Promise<void> {
  await db
    .insertInto("audit_events")
    .values({
      actor: input.actor,
      action: input.action,
      target: input.target ?? null,
      outcome: input.outcome ?? "ok",
      address: input.address ?? null,
      detail: JSON.stringify(input.detail ?? {}),
    })
    .execute();
}

/** Which audit events to list: the newest `limit` (default 100), optionally of one action. */
export interface AuditFilter {
  limit?: number;
  action?: string;
}

/** Most recent audit events first (the query; callers outside the domain use `listAuditEvents`). */
export async function selectAuditEvents(db: Kysely<Database>, filter: AuditFilter = {}): Promise<AuditEvent[]> {
  let q = db.selectFrom("audit_events").selectAll().orderBy("id", "desc").limit(filter.limit ?? 100);
  if (filter.action) q = q.where("action", "=", filter.action);
  const rows = await q.execute();
  return rows.map(toAuditEvent);
}

function toAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: row.actor,
    action: row.action,
    target: row.target,
    outcome: row.outcome,
    address: row.address,
    detail: row.detail,
  };
}

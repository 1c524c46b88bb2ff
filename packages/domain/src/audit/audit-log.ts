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
  /** The request id the access log printed (`X-Request-Id`), when a request wrote the row. */
  requestId?: string | null;
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
  requestId: string | null;
}

/** Appends an audit event (inside the caller's transaction when given one). */
export async function recordAudit(db: Kysely<Database>, input: AuditInput): Promise<void> {
  await recordAudits(db, [input]);
}

/** Appends several audit events in one statement (a bulk import's files), in order. */
export async function recordAudits(db: Kysely<Database>, inputs: readonly AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await db
    .insertInto("audit_events")
    .values(
      inputs.map((input) => ({
        actor: input.actor,
        action: input.action,
        target: input.target ?? null,
        outcome: input.outcome ?? "ok",
        address: input.address ?? null,
        detail: JSON.stringify(input.detail ?? {}),
        request_id: input.requestId ?? null,
      })),
    )
    .execute();
}

/** Which audit events to list: the newest `limit` (default 100) matching every filter given. */
export interface AuditFilter {
  limit?: number;
  /** An action or the start of one: `token` matches `token.create` and `token.revoke`. */
  action?: string;
  /** Who acted: `local`, `anonymous`, a user name (any of their tokens) or a token's display form. */
  actor?: string;
  /** Only events at or after this instant. */
  since?: Date;
  /** Only events before this instant. */
  until?: Date;
  /** What was acted on, or the start of it: `token:` matches every token, `/pypi/` every path under it. */
  target?: string;
}

/** Escapes LIKE's wildcards so user text matches literally. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Most recent audit events first (the query; callers outside the domain use `listAuditEvents`). */
export async function selectAuditEvents(db: Kysely<Database>, filter: AuditFilter = {}): Promise<AuditEvent[]> {
  let q = db.selectFrom("audit_events").selectAll().orderBy("id", "desc").limit(filter.limit ?? 100);
  if (filter.action) q = q.where("action", "like", `${likeLiteral(filter.action)}%`);
  const actor = filter.actor;
  if (actor) {
    // Token holders are recorded as "user (gth-XXXX…YYYY)": match the user or the token.
    q = q.where((eb) => eb.or([eb("actor", "=", actor), eb("actor", "like", `${likeLiteral(actor)} (%`), eb("actor", "like", `% (${likeLiteral(actor)})`)]));
  }
  if (filter.since) q = q.where("at", ">=", filter.since);
  if (filter.until) q = q.where("at", "<", filter.until);
  if (filter.target) q = q.where("target", "like", `${likeLiteral(filter.target)}%`);
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
    requestId: row.request_id,
  };
}

import { type Kysely, sql } from "kysely";
import type { Database } from "../db/index.js";

/** Something that invalidates cached views: a token, a repo, or a package in a source. */
export interface Change {
  kind: "token" | "repo" | "source" | "package" | "blocklist" | "access";
  sourceId?: string | null;
  project?: string | null;
}

type Listener = (change: Change) => void;

/** The Postgres channel a recorded change is announced on (payload: its id). */
export const CHANGES_CHANNEL = "gatehouse_changes";

/**
 * Fans changes out to caches in this process, and (through the `changes`
 * table and a NOTIFY) to other processes sharing the database.
 */
export class ChangeBus {
  private readonly listeners = new Set<Listener>();

  /** Registers a listener; returns the function that removes it. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells every listener in this process. */
  publish(change: Change): void {
    for (const l of this.listeners) l(change);
  }
}

/**
 * Records a change for other processes (call inside the transaction that made it). The same
 * statement queues a NOTIFY, which Postgres delivers only when the transaction commits, so a
 * listener never reads before the row is visible.
 */
export async function recordChange(db: Kysely<Database>, change: Change): Promise<void> {
  await recordChanges(db, [change]);
}

/** Records several changes in one statement (a bulk import's projects), each announced like recordChange's. */
export async function recordChanges(db: Kysely<Database>, changes: readonly Change[]): Promise<void> {
  if (changes.length === 0) return;
  const rows = sql.join(changes.map((c) => sql`(${c.kind}, ${c.sourceId ?? null}, ${c.project ?? null})`));
  await sql`
    with recorded as (
      insert into changes (kind, source_id, project)
      values ${rows}
      returning id
    )
    select pg_notify(${CHANGES_CHANNEL}, id::text) from recorded`.execute(db);
}

/** The newest change id, the starting point for following. */
export async function latestChangeId(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom("changes")
    .select((eb) => eb.fn.max("id").as("max"))
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}

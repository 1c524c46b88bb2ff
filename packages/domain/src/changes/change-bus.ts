import type { Kysely } from "kysely";
import type { Database } from "../db/index.js";
import { IdGaps } from "./id-gaps.js";

/** Something that invalidates cached views: a token, a repo, or a package in a source. */
export interface Change {
  kind: "token" | "repo" | "source" | "package" | "blocklist" | "access";
  sourceId?: string | null;
  project?: string | null;
}

type Listener = (change: Change) => void;

/**
 * Fans changes out to caches in this process, and (through the `changes`
 * table) to other processes sharing the database, which poll it.
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

/** Records a change for other processes (call inside the transaction that made it). */
export async function recordChange(db: Kysely<Database>, change: Change): Promise<void> {
  await db
    .insertInto("changes")
    .values({ kind: change.kind, source_id: change.sourceId ?? null, project: change.project ?? null })
    .execute();
}

/** The newest change id, the starting point for polling. */
export async function latestChangeId(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom("changes")
    .select((eb) => eb.fn.max("id").as("max"))
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}

/**
 * Polls for changes made by other processes and republishes them locally.
 * Returns a stop function. Changes that commit after a higher id was read are
 * still picked up (see IdGaps). Changes this process made are seen twice,
 * which only costs a redundant invalidation.
 */
export function pollChanges(db: Kysely<Database>, bus: ChangeBus, intervalMs: number, fromId: number): () => void {
  const gaps = new IdGaps(fromId);
  let busy = false;
  const timer = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      const awaited = gaps.awaited();
      const rows = await db
        .selectFrom("changes")
        .selectAll()
        .where((eb) => (awaited.length === 0 ? eb("id", ">", gaps.newest) : eb.or([eb("id", ">", gaps.newest), eb("id", "in", awaited)])))
        .orderBy("id")
        .limit(1000)
        .execute();
      const now = Date.now();
      for (const r of rows) {
        if (gaps.see(r.id, now)) bus.publish({ kind: r.kind as Change["kind"], sourceId: r.source_id, project: r.project });
      }
      gaps.expire(now);
    } catch {
      // The next tick retries; a closed database ends with stop().
    } finally {
      busy = false;
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Republishes on this process's bus every change other processes record from
 * now on (polling the `changes` table). Returns the stop function.
 */
export async function followChanges(ctx: { db: Kysely<Database>; bus: ChangeBus }, intervalMs: number): Promise<() => void> {
  return pollChanges(ctx.db, ctx.bus, intervalMs, await latestChangeId(ctx.db));
}

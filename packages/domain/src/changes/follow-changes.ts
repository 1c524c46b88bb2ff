import type { Kysely } from "kysely";
import type { Database, OpenDatabase } from "../db/index.js";
import { type ChangeBus, latestChangeId } from "./change-bus.js";
import { type ListenerBackoff, listenForChanges } from "./change-listener.js";
import { ChangeReader } from "./change-reader.js";

/** How a node follows the others. */
export interface FollowOptions {
  /**
   * Read the table this often even without a notification: a notification lost with a
   * connection, and gaps left by transactions that took an id and committed late, are read by
   * this at the latest.
   */
  safetyPollMs?: number;
  backoff?: ListenerBackoff;
  /** Told when the listening connection drops (`dropped`) and when it listens again after that (`listening`), for the log. */
  onListenerState?(state: "dropped" | "listening", reason?: string): void;
}

/** What following needs of an open domain. */
export interface FollowTarget {
  db: Kysely<Database>;
  bus: ChangeBus;
  database: Pick<OpenDatabase, "target">;
}

const SAFETY_POLL_MS = 1_000;

/**
 * Republishes on this process's bus every change other processes record from now on. On a
 * Postgres server: LISTEN for the NOTIFY each recorded change sends and read the `changes`
 * table on each (plus after every reconnect, and every `safetyPollMs`). On PGlite there is
 * nothing to follow: the data folder's lock keeps every other process out, and this process's
 * changes are published on its bus directly. Returns the stop function.
 *
 * @example
 * const stop = await followChanges(domain);
 * // … await stop();
 */
export async function followChanges(target: FollowTarget, options: FollowOptions = {}): Promise<() => Promise<void>> {
  const where = target.database.target;
  if (where.kind !== "postgres") return async () => undefined;
  const reader = new ChangeReader(target.db, target.bus, await latestChangeId(target.db));
  const catchUp = () => void reader.read();
  let droppedBefore = false;
  const stopListening = listenForChanges(
    where.url,
    {
      onNotify: catchUp,
      onListening: () => {
        if (droppedBefore) options.onListenerState?.("listening");
        droppedBefore = false;
        catchUp();
      },
      onDropped: (reason) => {
        // Reported once per outage, not for every failed retry.
        if (!droppedBefore) options.onListenerState?.("dropped", reason);
        droppedBefore = true;
      },
    },
    options.backoff,
  );
  const timer = setInterval(catchUp, options.safetyPollMs ?? SAFETY_POLL_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await stopListening();
  };
}

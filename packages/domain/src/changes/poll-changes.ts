import type { Kysely } from "kysely";
import type { Database } from "../db/index.js";
import type { ChangeBus } from "./change-bus.js";
import { ChangeReader } from "./change-reader.js";

/**
 * Reads other processes' changes every `intervalMs` and republishes them on the bus (see
 * ChangeReader). Returns the stop function.
 *
 * @example
 * const stop = pollChanges(db, bus, 1000, await latestChangeId(db));
 */
export function pollChanges(db: Kysely<Database>, bus: ChangeBus, intervalMs: number, fromId: number): () => void {
  const reader = new ChangeReader(db, bus, fromId);
  const timer = setInterval(() => void reader.read(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

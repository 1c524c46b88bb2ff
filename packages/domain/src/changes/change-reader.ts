import type { Kysely } from "kysely";
import type { Database } from "../db/index.js";
import type { Change, ChangeBus } from "./change-bus.js";
import { IdGaps } from "./id-gaps.js";

const BATCH = 1000;

/**
 * Reads the changes other processes recorded since the last read (and the ids still awaited
 * below it, see IdGaps) and republishes them on a bus. Reads never overlap: a call made while
 * one runs is answered by one more read after it, so a notification that arrives mid-read is
 * never lost. Changes this process made are seen twice, which only costs a redundant
 * invalidation.
 */
export class ChangeReader {
  private readonly gaps: IdGaps;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly bus: ChangeBus,
    fromId: number,
  ) {
    this.gaps = new IdGaps(fromId);
  }

  /** Catches up; resolves once everything committed before the call has been published. */
  read(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      try {
        // A full batch means more may be waiting behind it.
        if ((await this.readBatch()) === BATCH) this.again = true;
      } catch {
        // The database is unreachable or closing: the next notification or safety poll retries.
        return;
      }
    } while (this.again);
  }

  private async readBatch(): Promise<number> {
    const gaps = this.gaps;
    const awaited = gaps.awaited();
    const rows = await this.db
      .selectFrom("changes")
      .selectAll()
      .where((eb) => (awaited.length === 0 ? eb("id", ">", gaps.newest) : eb.or([eb("id", ">", gaps.newest), eb("id", "in", awaited)])))
      .orderBy("id")
      .limit(BATCH)
      .execute();
    const now = Date.now();
    for (const r of rows) {
      if (gaps.see(r.id, now)) this.bus.publish({ kind: r.kind as Change["kind"], sourceId: r.source_id, project: r.project });
    }
    gaps.expire(now);
    return rows.length;
  }
}

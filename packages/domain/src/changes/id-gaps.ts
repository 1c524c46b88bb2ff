/**
 * Change ids below the newest one seen that have not been seen yet. Ids are
 * taken when a row is inserted but become visible when its transaction
 * commits, so a change can appear after a higher id was already read; a reader
 * that only asks for `id > last` would skip it for good (a revocation that
 * never reaches another node). Gaps are asked for again until they appear, or
 * until `maxAgeMs` has passed (a rolled-back transaction leaves a gap forever).
 */
export class IdGaps {
  private readonly open = new Map<number, number>();
  private last: number;

  constructor(
    from: number,
    private readonly maxAgeMs = 60_000,
    private readonly maxGaps = 10_000,
  ) {
    this.last = from;
  }

  /** The newest id seen: read everything above it. */
  get newest(): number {
    return this.last;
  }

  /** Ids below `newest` still awaited. */
  awaited(): number[] {
    return [...this.open.keys()];
  }

  /** Notes an id that was read; false when it was read before (publish only new ones). */
  see(id: number, nowMs: number): boolean {
    if (id > this.last) {
      for (let g = this.last + 1; g < id && this.open.size < this.maxGaps; g++) this.open.set(g, nowMs);
      this.last = id;
      return true;
    }
    return this.open.delete(id);
  }

  /** Forgets gaps older than the age limit. */
  expire(nowMs: number): void {
    for (const [id, since] of this.open) if (nowMs - since > this.maxAgeMs) this.open.delete(id);
  }
}

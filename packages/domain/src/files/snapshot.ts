import { DomainError } from "../errors/index.js";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parses a repo URL's snapshot segment: `latest` (null: now) or a UTC date,
 * meaning the end of that day.
 *
 * @example
 * parseSnapshot("2026-03-01") // 2026-03-01T23:59:59.999Z
 */
export function parseSnapshot(segment: string): Date | null {
  if (segment === "latest") return null;
  const m = DATE.exec(segment);
  if (!m) throw new DomainError("NOT_FOUND", `unknown snapshot '${segment}': use latest or a date YYYY-MM-DD`);
  const at = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59, 999));
  if (at.toISOString().slice(0, 10) !== segment) throw new DomainError("NOT_FOUND", `invalid snapshot date '${segment}'`);
  return at;
}

/** Whether a segment looks like a snapshot (so routes can tell it from a name). */
export function isSnapshotSegment(segment: string): boolean {
  return segment === "latest" || DATE.test(segment);
}

import { parseVersionParts } from "./pep440.js";
import type { VersionParts } from "./pep440.js";

const PRE_RANK = { a: 0, b: 1, rc: 2 } as const;

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/** Compares digit strings without leading zeros, exactly at any length. */
function compareDigits(a: string, b: string): number {
  if (a.length !== b.length) return sign(a.length - b.length);
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareRelease(a: readonly string[], b: readonly string[]): number {
  // Trailing zeros do not count: 1.0 == 1.0.0.
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareDigits(a[i] ?? "0", b[i] ?? "0");
    if (c !== 0) return c;
  }
  return 0;
}

/** Where a version stands in the pre-release slot: dev-only releases sort before any pre-release. */
function rankPre(v: VersionParts): { rank: number; label?: number; number?: string } {
  if (v.pre) return { rank: 0, label: PRE_RANK[v.pre.label], number: v.pre.number };
  if (v.post === undefined && v.dev !== undefined) return { rank: -1 };
  return { rank: 1 };
}

function comparePre(a: VersionParts, b: VersionParts): number {
  const ra = rankPre(a);
  const rb = rankPre(b);
  if (ra.rank !== rb.rank) return sign(ra.rank - rb.rank);
  if (ra.label !== rb.label) return sign((ra.label ?? 0) - (rb.label ?? 0));
  return compareDigits(ra.number ?? "0", rb.number ?? "0");
}

/** Compares an optional number where "absent" sorts before (`absentFirst`) or after every present value. */
function compareOptional(a: string | undefined, b: string | undefined, absentFirst: boolean): number {
  if (a === undefined && b === undefined) return 0;
  if (a === undefined) return absentFirst ? -1 : 1;
  if (b === undefined) return absentFirst ? 1 : -1;
  return compareDigits(a, b);
}

function compareLocal(a: readonly string[] | undefined, b: readonly string[] | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? "";
    const y = b[i] ?? "";
    const xNum = /^[0-9]+$/.test(x);
    const yNum = /^[0-9]+$/.test(y);
    // Numeric segments sort after alphanumeric ones.
    if (xNum !== yNum) return xNum ? 1 : -1;
    const c = xNum ? compareDigits(x, y) : x < y ? -1 : x > y ? 1 : 0;
    if (c !== 0) return c;
  }
  return sign(a.length - b.length);
}

/** Compares two parsed versions by PEP 440 ordering. */
export function compareVersionParts(a: VersionParts, b: VersionParts): number {
  return (
    compareDigits(a.epoch, b.epoch) ||
    compareRelease(a.release, b.release) ||
    comparePre(a, b) ||
    compareOptional(a.post, b.post, true) ||
    compareOptional(a.dev, b.dev, false) ||
    compareLocal(a.local, b.local)
  );
}

/** Orders two possibly-unparsed versions: invalid ones first, by plain string compare among themselves. */
export function compareMaybeParts(
  a: string,
  pa: VersionParts | undefined,
  b: string,
  pb: VersionParts | undefined,
): number {
  if (pa && pb) return compareVersionParts(pa, pb);
  if (pa) return 1;
  if (pb) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Compares versions by PEP 440 ordering (epochs, pre/post/dev, local); returns -1, 0 or 1.
 * Unparsable versions sort before all valid ones, by plain string compare among themselves.
 * @example ["1.0", "1.0rc1", "1.0.dev0"].sort(comparePep440) // ["1.0.dev0", "1.0rc1", "1.0"]
 */
export function comparePep440(a: string, b: string): number {
  return compareMaybeParts(a, parseVersionParts(a), b, parseVersionParts(b));
}

/**
 * Tells whether two versions are equal by PEP 440 (`1.0` == `1.0.0`, as pip checks), or identical when unparsable.
 * @example isSamePep440("1.0", "v1.0.0") // true
 */
export function isSamePep440(a: string, b: string): boolean {
  const pa = parseVersionParts(a);
  const pb = parseVersionParts(b);
  return pa && pb ? compareVersionParts(pa, pb) === 0 : a === b;
}

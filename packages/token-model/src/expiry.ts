import type { Result } from "./result.js";

/** A token lifetime: never expiring, or a fixed duration counted from creation. */
export type Expiry = { kind: "never" } | { kind: "duration"; ms: number; text: string };

/** A refused expiry text; the message lists the accepted forms. */
export interface ExpiryError {
  code: "EXPIRY_INVALID";
  message: string;
}

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
type Unit = keyof typeof UNIT_MS;

/** Longest accepted lifetime (about a century); longer means "never", which should be said explicitly. */
export const MAX_EXPIRY_DAYS = 36_500;
const MAX_EXPIRY_MS = MAX_EXPIRY_DAYS * UNIT_MS.d;

const DURATION = /^(\d{1,15})([smhd])$/;

function isUnit(s: string): s is Unit {
  return s in UNIT_MS;
}

function fail(message: string): Result<Expiry, ExpiryError> {
  return { ok: false, error: { code: "EXPIRY_INVALID", message } };
}

const FORMS = "a positive whole number followed by s, m, h or d (e.g. 45s, 5m, 12h, 30d), or never";

/**
 * Parses an expiry such as `45s`, `5m`, `12h`, `30d` or `never` (up to 36500d).
 * The returned `text` is normalised (leading zeros dropped), so parsing it again gives the same expiry.
 * @example parseExpiry("30d") // { ok: true, value: { kind: "duration", ms: 2592000000, text: "30d" } }
 */
export function parseExpiry(text: string): Result<Expiry, ExpiryError> {
  const trimmed = text.trim();
  if (trimmed === "never") return { ok: true, value: { kind: "never" } };
  const match = DURATION.exec(trimmed);
  const digits = match?.[1];
  const unit = match?.[2];
  if (digits === undefined || unit === undefined || !isUnit(unit)) {
    return fail(`Expiry "${trimmed}" is not understood: use ${FORMS}.`);
  }
  const n = Number(digits);
  if (n <= 0) return fail(`Expiry must be longer than zero: use ${FORMS}.`);
  const ms = n * UNIT_MS[unit];
  if (ms > MAX_EXPIRY_MS) {
    return fail(`Expiry "${trimmed}" is too long: the maximum is ${MAX_EXPIRY_DAYS}d; for no expiry say never.`);
  }
  return { ok: true, value: { kind: "duration", ms, text: `${n}${unit}` } };
}

/**
 * Returns when a token created at `now` with this expiry stops working, or null when it never does.
 * @example expiresAtFrom({ kind: "never" }, new Date()) // null
 */
export function expiresAtFrom(expiry: Expiry, now: Date): Date | null {
  return expiry.kind === "never" ? null : new Date(now.getTime() + expiry.ms);
}

/**
 * Returns the default lifetime of a new token by scope style (SPEC §4): never for Posit-style, one year for Anaconda-style.
 * @example defaultExpiry("anaconda") // { kind: "duration", ms: 31536000000, text: "365d" }
 */
export function defaultExpiry(style: "posit" | "anaconda"): Expiry {
  return style === "posit" ? { kind: "never" } : { kind: "duration", ms: 365 * UNIT_MS.d, text: "365d" };
}

import { randomBytes } from "node:crypto";

/** The base62 alphabet in the order used for encoding numbers: digits, then upper case, then lower case. */
export const BASE62_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

// 248 is the largest multiple of 62 that fits in a byte; bytes at or above it
// are thrown away so that `byte % 62` is uniform (no modulo bias).
const UNBIASED_LIMIT = 248;

/** Returns true when every character of `s` is in the base62 alphabet (an empty string counts as true). */
export function isBase62(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const isDigit = c >= 48 && c <= 57;
    const isUpper = c >= 65 && c <= 90;
    const isLower = c >= 97 && c <= 122;
    if (!isDigit && !isUpper && !isLower) return false;
  }
  return true;
}

/**
 * Returns `length` uniformly random base62 characters drawn from the OS CSPRNG.
 * @example randomBase62(40) // "Q3x…" (40 chars)
 */
export function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    // Ask for a little more than needed so one draw is almost always enough.
    const bytes = randomBytes(length - out.length + 8);
    for (const byte of bytes) {
      if (byte >= UNBIASED_LIMIT) continue;
      out += BASE62_ALPHABET.charAt(byte % 62);
      if (out.length === length) break;
    }
  }
  return out;
}

/**
 * Encodes a non-negative integer as exactly `width` base62 characters, left-padded with "0".
 * Values too large for `width` characters keep only their low-order digits, so callers pick a width that fits.
 * @example encodeBase62Fixed(61, 3) // "00z"
 */
export function encodeBase62Fixed(value: number, width: number): string {
  let rest = Math.floor(value);
  let out = "";
  for (let i = 0; i < width; i++) {
    out = BASE62_ALPHABET.charAt(rest % 62) + out;
    rest = Math.floor(rest / 62);
  }
  return out;
}

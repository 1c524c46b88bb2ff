import { encodeBase62Fixed, randomBase62 } from "./base62.js";
import { crc32 } from "./crc32.js";

/** Every Gatehouse token starts with this prefix, so scanners and humans recognise it. */
export const TOKEN_PREFIX = "gth-";
/** Number of random base62 characters after the prefix. */
export const TOKEN_RANDOM_LENGTH = 40;
/** Number of base62 characters holding the CRC-32 of the random part (62^6 > 2^32). */
export const TOKEN_CHECKSUM_LENGTH = 6;
/** Total length of a token: prefix + random part + checksum. */
export const TOKEN_LENGTH = 50;

/**
 * Computes the 6-character base62 checksum of a token's random part.
 * @example computeChecksum("0".repeat(40)).length // 6
 */
export function computeChecksum(random: string): string {
  return encodeBase62Fixed(crc32(random), TOKEN_CHECKSUM_LENGTH);
}

/**
 * Generates a new plaintext token: `gth-` + 40 random base62 chars + 6-char CRC-32 checksum.
 * @example generateToken() // "gth-7Hq…" (50 chars)
 */
export function generateToken(): string {
  const random = randomBase62(TOKEN_RANDOM_LENGTH);
  return TOKEN_PREFIX + random + computeChecksum(random);
}

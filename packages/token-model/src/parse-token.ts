import { isBase62 } from "./base62.js";
import type { Result } from "./result.js";
import {
  TOKEN_CHECKSUM_LENGTH,
  TOKEN_LENGTH,
  TOKEN_PREFIX,
  TOKEN_RANDOM_LENGTH,
  computeChecksum,
} from "./token-format.js";

/** Why a string is not a well-formed Gatehouse token. */
export type TokenFormatErrorCode = "TOKEN_BAD_PREFIX" | "TOKEN_BAD_LENGTH" | "TOKEN_BAD_ALPHABET" | "TOKEN_BAD_CHECKSUM";

/** A token format failure; the message never contains the token itself. */
export interface TokenFormatError {
  code: TokenFormatErrorCode;
  message: string;
}

/** A token that passed every format check, split into its parts. */
export interface ParsedToken {
  token: string;
  random: string;
  checksum: string;
}

function fail(code: TokenFormatErrorCode, message: string): Result<ParsedToken, TokenFormatError> {
  return { ok: false, error: { code, message } };
}

/**
 * Checks a presented token's prefix, length, alphabet and checksum (in that order) without any lookup.
 * The error message describes the failed check but never echoes the input, which may be a real secret.
 * @example parseToken(generateToken()).ok // true
 */
export function parseToken(s: string): Result<ParsedToken, TokenFormatError> {
  if (!s.startsWith(TOKEN_PREFIX)) {
    return fail("TOKEN_BAD_PREFIX", `Token prefix is wrong: a Gatehouse token starts with "${TOKEN_PREFIX}".`);
  }
  if (s.length !== TOKEN_LENGTH) {
    return fail(
      "TOKEN_BAD_LENGTH",
      `Token length is wrong: a Gatehouse token is exactly ${TOKEN_LENGTH} characters, this one has ${s.length}.`,
    );
  }
  const body = s.slice(TOKEN_PREFIX.length);
  if (!isBase62(body)) {
    return fail(
      "TOKEN_BAD_ALPHABET",
      `Token alphabet is wrong: after "${TOKEN_PREFIX}" a Gatehouse token holds only letters A-Z, a-z and digits 0-9.`,
    );
  }
  const random = body.slice(0, TOKEN_RANDOM_LENGTH);
  const checksum = body.slice(TOKEN_RANDOM_LENGTH, TOKEN_RANDOM_LENGTH + TOKEN_CHECKSUM_LENGTH);
  if (computeChecksum(random) !== checksum) {
    return fail(
      "TOKEN_BAD_CHECKSUM",
      "Token checksum does not match: the token was mistyped or truncated; copy it again from where it was created.",
    );
  }
  return { ok: true, value: { token: s, random, checksum } };
}

/**
 * Returns true when `s` passes every check of `parseToken`.
 * @example isWellFormedToken("gth-nope") // false
 */
export function isWellFormedToken(s: string): boolean {
  return parseToken(s).ok;
}

export { BASE62_ALPHABET, encodeBase62Fixed, isBase62, randomBase62 } from "./base62.js";
export { crc32 } from "./crc32.js";
export { defaultExpiry, expiresAtFrom, MAX_EXPIRY_DAYS, parseExpiry } from "./expiry.js";
export type { Expiry, ExpiryError } from "./expiry.js";
export { isWellFormedToken, parseToken } from "./parse-token.js";
export type { ParsedToken, TokenFormatError, TokenFormatErrorCode } from "./parse-token.js";
export type { Result } from "./result.js";
export {
  computeChecksum,
  generateToken,
  TOKEN_CHECKSUM_LENGTH,
  TOKEN_LENGTH,
  TOKEN_PREFIX,
  TOKEN_RANDOM_LENGTH,
} from "./token-format.js";
export { displayToken, hashToken, newTokenGuid } from "./token-identity.js";
export { tokenStatus } from "./token-status.js";
export type { TokenStatus } from "./token-status.js";

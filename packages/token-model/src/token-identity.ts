import { createHash, randomUUID } from "node:crypto";
import { TOKEN_PREFIX } from "./token-format.js";

/**
 * Returns the SHA-256 of a token as 64 lowercase hex characters: the only form ever stored.
 * @example hashToken(token).length // 64
 */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * Returns the safe display form of a token: prefix, first 4 random chars, an ellipsis, last 4 chars.
 * Meant for well-formed tokens; for anything else it still shows at most 8 characters past the prefix.
 * @example displayToken(token) // "gth-AbC1…x9Zq"
 */
export function displayToken(token: string): string {
  const body = token.startsWith(TOKEN_PREFIX) ? token.slice(TOKEN_PREFIX.length) : token;
  const head = body.slice(0, 4);
  const tail = body.length > 8 ? body.slice(-4) : "";
  return `${TOKEN_PREFIX}${head}…${tail}`;
}

/**
 * Returns a new random GUID identifying a token in listings and revocation (never derived from the secret).
 * @example newTokenGuid() // "3b241101-e2bb-4255-8caf-4136c566a962"
 */
export function newTokenGuid(): string {
  return randomUUID();
}

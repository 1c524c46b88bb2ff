/** Lifecycle state of a stored token at a given instant. */
export type TokenStatus = "active" | "expired" | "revoked";

/**
 * Returns a token's state at `now`: revocation wins over expiry; expired once `now` reaches `expiresAt`.
 * @example tokenStatus({ expiresAt: null, revokedAt: null }, new Date()) // "active"
 */
export function tokenStatus(t: { expiresAt: Date | null; revokedAt: Date | null }, now: Date): TokenStatus {
  if (t.revokedAt !== null) return "revoked";
  if (t.expiresAt !== null && now.getTime() >= t.expiresAt.getTime()) return "expired";
  return "active";
}

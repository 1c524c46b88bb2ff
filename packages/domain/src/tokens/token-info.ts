import type { TokenStatus } from "@gatehouse/token-model";
import { tokenStatus } from "@gatehouse/token-model";
import type { StoredResourceList, TokenRow, TokenStyle } from "../db/index.js";

/** A token as listings show it: never the secret, only its display form. */
export interface TokenInfo {
  guid: string;
  display: string;
  name: string | null;
  style: TokenStyle;
  scopes: string[];
  repos: StoredResourceList;
  sources: StoredResourceList;
  description: string;
  user: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  status: TokenStatus;
  /** Active and expiring within EXPIRY_WARNING_DAYS: listings, the console and whoami flag it. */
  expiresSoon: boolean;
}

/** How close to its expiry a token is flagged (SPEC §3: within 7 days). */
export const EXPIRY_WARNING_DAYS = 7;

/**
 * Whether an unexpired token expires within EXPIRY_WARNING_DAYS of `now`.
 *
 * @example isExpiringSoon(new Date(Date.now() + 86_400_000), new Date()) // true
 */
export function isExpiringSoon(expiresAt: Date | null, now: Date): boolean {
  if (expiresAt === null) return false;
  const left = expiresAt.getTime() - now.getTime();
  return left > 0 && left <= EXPIRY_WARNING_DAYS * 86_400_000;
}

/** Maps a token row (joined with its user's name) to what callers see. */
export function toTokenInfo(row: TokenRow & { user_name: string }, now: Date): TokenInfo {
  return {
    guid: row.guid,
    display: row.display,
    name: row.name,
    style: row.style,
    scopes: row.scopes,
    repos: row.repos,
    sources: row.sources,
    description: row.description,
    user: row.user_name,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    status: tokenStatus({ expiresAt: row.expires_at, revokedAt: row.revoked_at }, now),
    expiresSoon: row.revoked_at === null && isExpiringSoon(row.expires_at, now),
  };
}

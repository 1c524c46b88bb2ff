import { compileGrant } from "@gatehouse/scope-engine";
import { displayToken, hashToken, parseToken, tokenStatus } from "@gatehouse/token-model";
import type { Actor } from "../auth/actor.js";
import type { DomainContext } from "../context.js";
import { findTokenByHash, grantOfTokenRow, touchTokens } from "./token-queries.js";

/** Why a presented token was refused. Callers answer all of them with the same 401. */
export type VerifyFailure = "malformed" | "unknown" | "expired" | "revoked";

/** A stored token named without its secret: what the audit log may record about a refused one. */
export interface TokenIdentity {
  guid: string;
  display: string;
}

/**
 * The outcome of verifying a presented token. An expired or revoked token is a
 * real one, so the failure names it (GUID and display form) for the audit log.
 */
export type VerifyResult =
  | { ok: true; actor: Extract<Actor, { kind: "token" }> }
  | { ok: false; reason: "malformed" | "unknown" }
  | { ok: false; reason: "expired" | "revoked"; token: TokenIdentity };

interface CacheEntry {
  actor: Extract<Actor, { kind: "token" }>;
  expiresAt: Date | null;
}

/**
 * Verifies presented tokens. A known token costs a checksum, a hash and a map
 * lookup; the database is asked only on a miss. Any token change (revocation)
 * clears the cache, so a revoked token is refused on the very next request.
 */
export class TokenVerifier {
  private readonly cache = new Map<string, CacheEntry>();
  /** The same entries keyed by the presented token, so a repeat skips the checksum and the hash. */
  private readonly byPresented = new Map<string, CacheEntry>();
  private readonly touched = new Set<string>();
  private readonly unsubscribe: () => void;
  private readonly flushTimer: NodeJS.Timeout;
  /** Counts cache clears, so an answer read from the database before a revocation is not cached after it. */
  private generation = 0;

  constructor(
    private readonly ctx: DomainContext,
    private readonly options: { maxEntries?: number; touchIntervalMs?: number } = {},
  ) {
    this.unsubscribe = ctx.bus.subscribe((change) => {
      if (change.kind === "token" || change.kind === "access") {
        this.generation++;
        this.cache.clear();
        this.byPresented.clear();
      }
    });
    this.flushTimer = setInterval(() => void this.flushLastUsed(), options.touchIntervalMs ?? 10_000);
    this.flushTimer.unref();
  }

  /** Checks a presented token: format first (no database work for garbage), then cache, then database. */
  async verify(presented: string): Promise<VerifyResult> {
    const now = this.ctx.now();
    const seen = this.byPresented.get(presented);
    if (seen) return this.answerFromCache(seen, presented, now);
    if (!parseToken(presented).ok) return { ok: false, reason: "malformed" };
    const hash = hashToken(presented);
    const hit = this.cache.get(hash);
    if (hit) {
      this.remember(presented, hit);
      return this.answerFromCache(hit, presented, now);
    }
    const generation = this.generation;
    const row = await findTokenByHash(this.ctx.db, hash);
    if (!row) return { ok: false, reason: "unknown" };
    const status = tokenStatus({ expiresAt: row.expires_at, revokedAt: row.revoked_at }, now);
    if (status !== "active") return { ok: false, reason: status, token: { guid: row.guid, display: row.display } };
    const grant = grantOfTokenRow(row);
    const actor = {
      kind: "token" as const,
      tokenId: row.id,
      guid: row.guid,
      display: displayToken(presented),
      userId: row.user_id,
      userName: row.user_name,
      grant,
      compiled: compileGrant(grant),
      expiresAt: row.expires_at,
    };
    this.touched.add(row.id);
    // A token change while the row was read may be this token's revocation: answer, but do not remember.
    if (generation !== this.generation) return { ok: true, actor };
    if (this.cache.size >= (this.options.maxEntries ?? 10_000)) this.cache.clear();
    const entry = { actor, expiresAt: row.expires_at };
    this.cache.set(hash, entry);
    this.remember(presented, entry);
    return { ok: true, actor };
  }

  /**
   * The actor of a token verified before and still cached and active, else undefined (with no
   * checksum, hash or database work): for the server's fast path, which hands every other case to
   * `verify`. Revocation clears the cache, so a revoked token is never answered from here.
   */
  cachedActor(presented: string): Extract<Actor, { kind: "token" }> | undefined {
    const seen = this.byPresented.get(presented);
    if (!seen || (seen.expiresAt && this.ctx.now() >= seen.expiresAt)) return undefined;
    this.touched.add(seen.actor.tokenId);
    return seen.actor;
  }

  private remember(presented: string, entry: CacheEntry): void {
    if (this.byPresented.size >= (this.options.maxEntries ?? 10_000)) this.byPresented.clear();
    this.byPresented.set(presented, entry);
  }

  private answerFromCache(entry: CacheEntry, presented: string, now: Date): VerifyResult {
    if (entry.expiresAt && now >= entry.expiresAt) {
      this.byPresented.delete(presented);
      this.cache.delete(hashToken(presented));
      return { ok: false, reason: "expired", token: { guid: entry.actor.guid, display: entry.actor.display } };
    }
    this.touched.add(entry.actor.tokenId);
    return { ok: true, actor: entry.actor };
  }

  /** Writes pending `last_used_at` updates in one statement. */
  async flushLastUsed(): Promise<void> {
    if (this.touched.size === 0) return;
    const ids = [...this.touched];
    this.touched.clear();
    try {
      await touchTokens(this.ctx.db, ids, this.ctx.now());
    } catch {
      // Usage times are best effort; a closed database must not crash the server.
    }
  }

  /** Stops background work and flushes usage times. */
  async close(): Promise<void> {
    clearInterval(this.flushTimer);
    this.unsubscribe();
    await this.flushLastUsed();
  }
}

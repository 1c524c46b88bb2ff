import type { Kysely } from "kysely";
import type { ChangeBus } from "../changes/index.js";
import type { Database } from "../db/index.js";
import { type UserGrant, selectUserGrants } from "./grant-queries.js";

/**
 * Grants each user holds through their groups, kept in memory: a hot path asks
 * the database once per user, until an access or repo change clears the lot
 * (grants change rarely; downloads happen all the time).
 */
export class UserGrantCache {
  private readonly byUser = new Map<string, Promise<readonly UserGrant[]>>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly db: Kysely<Database>,
    bus: ChangeBus,
    private readonly maxUsers = 10_000,
  ) {
    this.unsubscribe = bus.subscribe((change) => {
      if (change.kind === "access" || change.kind === "repo") this.byUser.clear();
    });
  }

  /** The user's grants (from memory after the first call). */
  grantsOf(userId: string): Promise<readonly UserGrant[]> {
    const hit = this.byUser.get(userId);
    if (hit) return hit;
    if (this.byUser.size >= this.maxUsers) this.byUser.clear();
    const loading = selectUserGrants(this.db, userId);
    this.byUser.set(userId, loading);
    // A failed lookup must not stay cached; the caller still sees the error.
    loading.catch(() => {
      if (this.byUser.get(userId) === loading) this.byUser.delete(userId);
    });
    return loading;
  }

  /** Stops listening for changes. */
  close(): void {
    this.unsubscribe();
    this.byUser.clear();
  }
}

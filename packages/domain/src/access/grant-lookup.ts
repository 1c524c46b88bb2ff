import type { ChangeBus } from "../changes/index.js";
import type { DomainContext } from "../context.js";
import type { Permission } from "../db/index.js";
import type { UserGrant } from "../identity/grant-queries.js";
import { UserGrantCache } from "../identity/user-grant-cache.js";

/** admin ⊇ write ⊇ read. */
export const RANK: Readonly<Record<Permission, number>> = { read: 0, write: 1, admin: 2 };

// One grant cache per domain (keyed by its bus): every access decision of a
// process shares it, and access or repo changes on that bus clear it.
const caches = new WeakMap<ChangeBus, UserGrantCache>();

/** The grants a user holds through their groups (cached until an access change). */
export function grantsOfUser(ctx: DomainContext, userId: string): Promise<readonly UserGrant[]> {
  let cache = caches.get(ctx.bus);
  if (!cache) {
    cache = new UserGrantCache(ctx.db, ctx.bus);
    caches.set(ctx.bus, cache);
  }
  return cache.grantsOf(userId);
}

/**
 * The strongest whole-repo grant of the user on one of the repos that is at
 * least `needed` (admin ⊇ write ⊇ read); package grants never open a repo.
 */
export async function findRepoGrant(ctx: DomainContext, userId: string, repoIds: readonly string[], needed: Permission): Promise<UserGrant | undefined> {
  if (repoIds.length === 0) return undefined;
  let best: UserGrant | undefined;
  for (const g of await grantsOfUser(ctx, userId)) {
    if (g.package !== null || !repoIds.includes(g.repoId) || RANK[g.permission] < RANK[needed]) continue;
    if (best === undefined || RANK[g.permission] > RANK[best.permission]) best = g;
  }
  return best;
}

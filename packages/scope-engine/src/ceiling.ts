import { giftsOf } from "./gifts.js";
import type { Action, Grant, RepoType } from "./vocabulary.js";

/**
 * The scope through which a grant could ever do `action` on some resource of
 * `type`, whatever its repos/sources lists name; null when none could.
 *
 * Group grants extend where a token acts, never what kind of thing it does: a
 * member's token may read (or upload to) a repo its lists do not name only when
 * one of its scopes gives that kind of action at all. That is the ceiling.
 *
 * @example ceilingScopeOf({ scopes: ["repos:read"], repos: ["a"], sources: [] }, "repo:read", "python") // "repos:read"
 * @example ceilingScopeOf({ scopes: ["conda:download"], repos: [], sources: [] }, "source:write", "conda") // null
 */
export function ceilingScopeOf(grant: Grant, action: Action, type?: RepoType): string | null {
  for (const held of grant.scopes) {
    for (const gift of giftsOf(held)) {
      if (gift.action !== action) continue;
      if (gift.on === "any" || gift.on === "listed") return held;
      if (type !== undefined && gift.on.type === type) return held;
    }
  }
  return null;
}

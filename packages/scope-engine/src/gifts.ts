import type { GiftReach } from "./scope-table.js";
import { SCOPE_TABLE } from "./scope-table.js";
import { findScope, impliedBy } from "./scopes.js";
import { ACTIONS } from "./vocabulary.js";
import type { Action } from "./vocabulary.js";

/** One permission a scope gives once implication is followed; `via` is the scope that gives it directly. */
export interface HeldGift {
  action: Action;
  on: GiftReach;
  via: string;
  everything: boolean;
}

function collectGifts(scope: string): readonly HeldGift[] {
  const out: HeldGift[] = [];
  for (const name of impliedBy(scope)) {
    const def = findScope(name);
    if (def === undefined) continue;
    if (def.gives === "everything") {
      for (const action of ACTIONS) out.push({ action, on: "any", via: name, everything: true });
    } else {
      for (const gift of def.gives) out.push({ action: gift.action, on: gift.on, via: name, everything: false });
    }
  }
  return out;
}

const GIFTS: ReadonlyMap<string, readonly HeldGift[]> = new Map(SCOPE_TABLE.map((s) => [s.name, collectGifts(s.name)]));

/**
 * Returns every permission a scope gives, its implied scopes included; unknown scopes give nothing.
 * @example giftsOf("pypi").map((g) => g.action) // ["source:write", "repo:read"] (order not guaranteed)
 */
export function giftsOf(scope: string): readonly HeldGift[] {
  return GIFTS.get(scope) ?? [];
}

import type { Actor } from "../auth/index.js";
import type { DomainContext } from "../context.js";
import { type TokenInfo, toTokenInfo } from "./token-info.js";
import { findTokenByGuid } from "./token-queries.js";

/** Who the presented credentials are, and what their token holds (never the secret). */
export interface WhoAmI {
  /** Whether the caller is someone: a token's holder or the local operator. */
  authenticated: boolean;
  kind: Actor["kind"];
  user: string | null;
  /** The token presented, as listings show it (with `expiresSoon`), or null without one. */
  token: TokenInfo | null;
}

/**
 * Describes the caller for `gatehouse whoami`: any caller may ask about itself.
 *
 * @example const me = await whoAmI(domain, actor); me.token?.expiresSoon
 */
export async function whoAmI(ctx: DomainContext, actor: Actor): Promise<WhoAmI> {
  if (actor.kind !== "token") return { authenticated: actor.kind === "local", kind: actor.kind, user: null, token: null };
  const row = await findTokenByGuid(ctx.db, actor.guid);
  return { authenticated: true, kind: "token", user: actor.userName, token: row ? toTokenInfo(row, ctx.now()) : null };
}

import type { DomainContext } from "../context.js";
import { countTokens } from "./token-queries.js";
import { type CreatedToken, bootstrapAdminToken } from "./token-service.js";

/**
 * Mints the first `global:admin` token when no token was ever created (a server's
 * first start); returns null otherwise, so a restart never mints another.
 */
export async function mintFirstAdminTokenIfEmpty(ctx: DomainContext): Promise<CreatedToken | null> {
  if ((await countTokens(ctx.db)) > 0) return null;
  return bootstrapAdminToken(ctx);
}

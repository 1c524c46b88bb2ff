import { sql } from "kysely";
import type { DomainContext } from "../context.js";
import { countTokens } from "./token-queries.js";
import { type CreatedToken, bootstrapAdminToken } from "./token-service.js";

/**
 * Mints the first `global:admin` token when no token was ever created (a server's
 * first start); returns null otherwise, so a restart never mints another.
 *
 * Several nodes started together on one empty Postgres database would each see no token and
 * each mint one; a session advisory lock makes "count, then mint" one step across processes.
 * It is a session lock on one connection (not a transaction lock) because minting opens its own
 * transaction; the connection's end releases it even if this process dies holding it.
 */
export async function mintFirstAdminTokenIfEmpty(ctx: DomainContext): Promise<CreatedToken | null> {
  return ctx.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(hashtext('gatehouse.first-admin-token'))`.execute(conn);
    try {
      if ((await countTokens(conn)) > 0) return null;
      return await bootstrapAdminToken({ ...ctx, db: conn });
    } finally {
      await sql`select pg_advisory_unlock(hashtext('gatehouse.first-admin-token'))`.execute(conn);
    }
  });
}

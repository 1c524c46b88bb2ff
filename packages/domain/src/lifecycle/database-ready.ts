import type { DomainContext } from "../context.js";

/** Whether the database answers a trivial query (readiness for `/healthz`). */
export async function checkDatabaseReady(ctx: DomainContext): Promise<boolean> {
  try {
    await ctx.db.selectFrom("settings").select("key").limit(1).execute();
    return true;
  } catch {
    return false;
  }
}

import type { DomainContext } from "../context.js";

/** A trivial query; throws what the database (or the way to it) said. */
export async function probeDatabase(ctx: DomainContext): Promise<void> {
  await ctx.db.selectFrom("settings").select("key").limit(1).execute();
}

/** Whether the database answers a trivial query. */
export async function checkDatabaseReady(ctx: DomainContext): Promise<boolean> {
  try {
    await probeDatabase(ctx);
    return true;
  } catch {
    return false;
  }
}

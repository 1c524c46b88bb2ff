import { type Kysely, sql } from "kysely";
import type { Database } from "../db/index.js";

/**
 * Companion blobs a file row names in its metadata (PEP 658 core metadata), besides its own sha256.
 * A new kind of companion must be added here, or garbage collection would take its bytes.
 */
export const COMPANION_KEYS = ["coreMetadataSha256"] as const;

/**
 * Takes the per-digest lock until the transaction ends. Reserving a digest and collecting it both
 * hold it, so "nobody references or is about to reference these bytes, delete them" is one step
 * against "I am about to reference these bytes". A transaction lock, not a session one: a process
 * killed holding it loses it with its connection. hashtext collisions only serialise two digests.
 */
export async function lockBlob(tx: Kysely<Database>, sha256: string): Promise<void> {
  await lockBlobs(tx, [sha256]);
}

/** lockBlob for several digests in one statement, taken in the order given (callers sort them). */
export async function lockBlobs(tx: Kysely<Database>, hashes: readonly string[]): Promise<void> {
  if (hashes.length === 0) return;
  const keys = hashes.map((sha256) => `gatehouse.blob:${sha256}`);
  await sql`select pg_advisory_xact_lock(hashtext(k)) from unnest(${keys}::text[]) with ordinality as t(k, n) order by n`.execute(tx);
}

/** Whether a file row names the digest, as its bytes or as a companion. */
export async function isReferenced(db: Kysely<Database>, sha256: string): Promise<boolean> {
  const row = await db
    .selectFrom("package_files")
    .select("id")
    .where((eb) => eb.or([eb("sha256", "=", sha256), ...COMPANION_KEYS.map((key) => eb(sql<string>`metadata->>${sql.lit(key)}`, "=", sha256))]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether an upload in flight has reserved the digest (reservations in `except` not counted). */
export async function isPending(db: Kysely<Database>, sha256: string, except: readonly string[] = []): Promise<boolean> {
  let query = db.selectFrom("pending_blobs").select("id").where("sha256", "=", sha256);
  if (except.length > 0) query = query.where("id", "not in", except);
  return (await query.limit(1).executeTakeFirst()) !== undefined;
}

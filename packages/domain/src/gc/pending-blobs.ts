import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { THIS_PROCESS } from "../blobs/index.js";
import type { DomainContext } from "../context.js";
import type { Database } from "../db/index.js";
import { isPending, isReferenced, lockBlob, lockBlobs } from "./blob-lock.js";

/** Digests one upload is about to reference, reserved so garbage collection leaves them alone. */
export interface BlobReservation {
  id: string;
  hashes: string[];
}

const OWNER = `${THIS_PROCESS.host}~${THIS_PROCESS.pid}~${THIS_PROCESS.instance}`;

/** The sha256 of bytes, as a blob store names them. */
export function sha256Of(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Reserves digests before their bytes are committed: each row is written under the digest's lock,
 * so a collection that already decided to delete those bytes finishes first (and the commit then
 * stores them again), and one that comes later sees the reservation and keeps them. Why a table
 * rather than only a grace period on blob age: an upload whose bytes are already stored (an
 * orphan, or another file's) commits nothing new, so the blob's age says nothing about it.
 *
 * @example
 * const reservation = await reserveBlobs(ctx, [staged.sha256]);
 */
export async function reserveBlobs(ctx: DomainContext, hashes: readonly string[]): Promise<BlobReservation> {
  const reservation: BlobReservation = { id: `pend_${randomBytes(12).toString("hex")}`, hashes: [...new Set(hashes)].sort() };
  const now = ctx.now();
  if (reservation.hashes.length === 0) return reservation;
  await ctx.db.transaction().execute(async (tx) => {
    // Sorted, so two reservations of overlapping digests take the locks in one order; two statements
    // however many digests (a bulk import reserves hundreds at once).
    await lockBlobs(tx, reservation.hashes);
    await tx
      .insertInto("pending_blobs")
      .values(reservation.hashes.map((sha256) => ({ id: reservation.id, sha256, owner: OWNER, created_at: now })))
      .execute();
  });
  return reservation;
}

/** Ends a reservation inside the transaction that records the file (the row now references the bytes). */
export async function releaseBlobs(tx: Kysely<Database>, reservation: BlobReservation): Promise<void> {
  await tx.deleteFrom("pending_blobs").where("id", "=", reservation.id).execute();
}

/**
 * Ends a reservation whose upload failed after committing (lost a same-name race, refused in its
 * transaction) and deletes each of its blobs that nothing references or reserves: the loser cleans
 * up after itself instead of leaving an orphan for the next collection. Returns the bytes freed.
 */
export async function dropReservedBlobs(ctx: DomainContext, reservation: BlobReservation): Promise<number> {
  let freed = 0;
  for (const sha256 of reservation.hashes) {
    await ctx.db.transaction().execute(async (tx) => {
      await lockBlob(tx, sha256);
      await tx.deleteFrom("pending_blobs").where("id", "=", reservation.id).where("sha256", "=", sha256).execute();
      if ((await isReferenced(tx, sha256)) || (await isPending(tx, sha256))) return;
      const stored = await ctx.blobs.stat(sha256);
      if (!stored) return;
      await ctx.blobs.delete(sha256);
      freed += stored.size;
    });
  }
  return freed;
}

import type { Kysely } from "kysely";
import { sql } from "kysely";
import { recordAudit } from "../audit/index.js";
import { type Actor, can, describeActor } from "../auth/index.js";
import { isOwnerDead } from "../blobs/index.js";
import type { DomainContext } from "../context.js";
import type { Database } from "../db/index.js";
import { DomainError } from "../errors/index.js";
import { COMPANION_KEYS, isPending, isReferenced, lockBlob } from "./blob-lock.js";
import { DEFAULT_GC_MIN_AGE_MS, type GcOptions, type GcReport, STALE_UPLOAD_MS } from "./gc-report.js";

/** Collection deletes bytes of any source: only a token that may do everything (global:admin) runs it. */
function requireGcAllowed(actor: Actor): void {
  // tokens:manage is given only by the scopes that give everything (global:admin, all).
  if (can(actor, "tokens:manage")) return;
  if (actor.kind === "anonymous") throw new DomainError("UNAUTHENTICATED", "authentication required: gc needs a global:admin token");
  throw new DomainError("FORBIDDEN", "gc removes stored files of every source: it needs a global:admin token");
}

/** Every digest a file row names (its bytes and companions), read once for the sweep. */
async function referencedDigests(db: Kysely<Database>): Promise<Set<string>> {
  const rows = await db
    .selectFrom("package_files")
    .select(["sha256", ...COMPANION_KEYS.map((key) => sql<string | null>`metadata->>${sql.lit(key)}`.as(key))])
    .execute();
  const digests = new Set<string>();
  for (const row of rows as Record<string, string | null>[]) {
    for (const value of Object.values(row)) if (value) digests.add(value);
  }
  return digests;
}

/**
 * Drops reservations that will never be released: of a dead process on this host at once, of
 * any other after STALE_UPLOAD_MS. Their uploads died between committing bytes and recording them.
 */
async function expireReservations(ctx: DomainContext, dryRun: boolean): Promise<string[]> {
  const rows = await ctx.db.selectFrom("pending_blobs").select(["id", "owner", "created_at"]).execute();
  const staleBefore = ctx.now().getTime() - STALE_UPLOAD_MS;
  const dead = new Set<string>();
  for (const row of rows) {
    const [host = "", pid = "", instance = ""] = row.owner.split("~");
    if (isOwnerDead({ host, pid: Number(pid), instance }) || new Date(row.created_at).getTime() < staleBefore) dead.add(row.id);
  }
  if (!dryRun && dead.size > 0) await ctx.db.deleteFrom("pending_blobs").where("id", "in", [...dead]).execute();
  return [...dead];
}

/**
 * Removes what faults left behind: staged files of uploads that will never finish (and stale
 * multipart uploads), reservations of dead uploads, and stored blobs no file row references.
 *
 * A blob is collected only when it is unreferenced in a first, lock-free pass, older than
 * `minAgeMs`, and — re-checked under the digest's lock, inside the transaction that deletes it —
 * still unreferenced and unreserved. An upload reserves its digests under the same lock before
 * committing bytes, so a blob a committing upload is about to reference is never deleted.
 *
 * @example
 * const report = await collectGarbage(domain, LOCAL_ACTOR, { dryRun: true });
 */
export async function collectGarbage(ctx: DomainContext, actor: Actor, options: GcOptions = {}): Promise<GcReport> {
  requireGcAllowed(actor);
  const started = Date.now();
  const dryRun = options.dryRun ?? false;
  const minAgeMs = options.minAgeMs ?? DEFAULT_GC_MIN_AGE_MS;
  const now = ctx.now();
  const staging = await ctx.blobs.cleanStaging({ staleAfterMs: STALE_UPLOAD_MS, dryRun, now });
  // A dry run keeps them, but counts their blobs as the real run (which drops them first) would.
  const expired = await expireReservations(ctx, dryRun);
  const referenced = await referencedDigests(ctx.db);
  const blobs = { scanned: 0, kept: 0, removed: 0, bytes: 0 };
  for await (const blob of ctx.blobs.list()) {
    blobs.scanned++;
    if (referenced.has(blob.sha256)) continue;
    if (now.getTime() - blob.modifiedAt.getTime() < minAgeMs) {
      blobs.kept++;
      continue;
    }
    const removed = await ctx.db.transaction().execute(async (tx) => {
      await lockBlob(tx, blob.sha256);
      if ((await isReferenced(tx, blob.sha256)) || (await isPending(tx, blob.sha256, expired))) return false;
      if (!dryRun) await ctx.blobs.delete(blob.sha256);
      return true;
    });
    if (removed) {
      blobs.removed++;
      blobs.bytes += blob.size;
    } else {
      blobs.kept++;
    }
  }
  const report: GcReport = { dryRun, staging, reservations: { expired: expired.length }, blobs, durationMs: Date.now() - started };
  if (!dryRun) {
    const { durationMs: _, ...detail } = report;
    await recordAudit(ctx.db, { actor: describeActor(actor), action: "gc.run", target: "storage", address: options.address ?? null, detail });
  }
  return report;
}

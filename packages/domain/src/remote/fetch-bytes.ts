import type { IncomingMessage } from "node:http";
import { recordChange } from "../changes/index.js";
import { type BlobReservation, dropReservedBlobs, releaseBlobs, reserveBlobs } from "../gc/index.js";
import type { DomainContext } from "../context.js";
import type { PackageFileRow } from "../db/index.js";
import { upstreamFailed } from "./upstream-error.js";
import { getUpstream } from "./upstream-fetch.js";
import { archiveUrlOf } from "./r-upstream.js";

/** Where the bytes may be: an R file whose version was superseded upstream has moved to `Archive/<pkg>/`. */
function candidateUrls(file: PackageFileRow): string[] {
  const first = file.upstream_url ?? "";
  const archived = file.kind === "r-source" ? archiveUrlOf(first, file.name) : null;
  return archived ? [first, archived] : [first];
}

async function openFirst(ctx: DomainContext, file: PackageFileRow, token: string | undefined): Promise<{ url: URL; response: IncomingMessage }> {
  const urls = candidateUrls(file);
  for (const [i, url] of urls.entries()) {
    try {
      return await getUpstream(url, { allowPrivate: ctx.settings.upstream.allowPrivate, timeoutMs: ctx.settings.upstream.timeoutSeconds * 1000, token });
    } catch (err) {
      if (i === urls.length - 1 || (err as { upstreamStatus?: number }).upstreamStatus !== 404) throw err;
    }
  }
  throw new Error("unreachable: candidateUrls is never empty");
}

/** Why fetched bytes are not the file the index listed, or null when they are. */
function mismatchOf(file: PackageFileRow, got: { sha256: string; md5: string; size: number }): string | null {
  if (file.sha256 !== "" && got.sha256 !== file.sha256) return `sha256 ${got.sha256}, but its index says ${file.sha256}`;
  if (file.md5 !== "" && got.md5 !== file.md5) return `MD5 ${got.md5}, but its index says ${file.md5}`;
  if (file.size > 0 && got.size !== file.size) return `${got.size} bytes, but its index says ${file.size}`;
  return null;
}

/**
 * Fetches a mirrored file's bytes, verifies them against every digest (and
 * size) the upstream index gave, and stores them content-addressed; bytes that
 * do not match are dropped, so nothing wrong is ever cached. A digest learnt
 * now (an R file's sha256: CRAN gives only MD5sum) is recorded, and indexes
 * that show it are told.
 */
export async function fetchVerifiedBytes(ctx: DomainContext, file: PackageFileRow, token: string | undefined): Promise<PackageFileRow> {
  const { url, response } = await openFirst(ctx, file, token);
  const staged = await ctx.blobs.stage(response, { maxBytes: ctx.settings.maxUploadBytes });
  const learnt = file.sha256 === "";
  let reservation: BlobReservation | undefined;
  try {
    const mismatch = mismatchOf(file, staged);
    if (mismatch) throw upstreamFailed(url.host, `sent ${file.filename} with ${mismatch}: nothing was cached`);
    // A row that already names the digest keeps the bytes from garbage collection; one that learns it now reserves them first.
    if (learnt) reservation = await reserveBlobs(ctx, [staged.sha256]);
    await ctx.blobs.commit(staged);
  } catch (err) {
    if (reservation) await dropReservedBlobs(ctx, reservation).catch(() => 0);
    throw err;
  } finally {
    await ctx.blobs.discard(staged);
  }
  const metadata = withRecordDigest(file, staged.sha256);
  const update = (db: typeof ctx.db) =>
    db
      .updateTable("package_files")
      .set({ sha256: staged.sha256, md5: staged.md5, size: staged.size, ...(metadata ? { metadata: JSON.stringify(metadata) } : {}) })
      .where("id", "=", file.id)
      .execute();
  if (!learnt) {
    // Nothing an index shows changed (the digests it lists were verified): one statement, no change record.
    await update(ctx.db);
    return { ...file, md5: staged.md5, size: staged.size };
  }
  const held = reservation;
  await ctx.db
    .transaction()
    .execute(async (tx) => {
      await update(tx);
      await recordChange(tx, { kind: "package", sourceId: file.source_id, project: file.project });
      if (held) await releaseBlobs(tx, held);
    })
    .catch(async (err: unknown) => {
      if (held) await dropReservedBlobs(ctx, held).catch(() => 0);
      throw err;
    });
  ctx.bus.publish({ kind: "package", sourceId: file.source_id, project: file.project });
  return { ...file, sha256: staged.sha256, md5: staged.md5, size: staged.size, ...(metadata ? { metadata } : {}) };
}

/** A conda record that lacked a sha256 gets the verified one (clients check it when present). */
function withRecordDigest(file: PackageFileRow, sha256: string): Record<string, unknown> | undefined {
  const record = (file.metadata as { record?: Record<string, unknown> }).record;
  if (file.kind !== "conda" || !record || typeof record.sha256 === "string") return undefined;
  return { ...file.metadata, record: { ...record, sha256 } };
}

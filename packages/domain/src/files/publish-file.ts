import type { Readable } from "node:stream";
import type { Actor } from "../auth/index.js";
import type { DomainContext, RequestMeta } from "../context.js";
import { dropReservedBlobs, releaseBlobs, reserveBlobs, sha256Of } from "../gc/index.js";
import type { PackageFileInfo } from "./package-file-info.js";
import { privateProjectsClosedTo, nameNotYours } from "../access/private-packages.js";
import { alreadyExists, checkUploadFilename, commitUploadBlobs, inspectUpload, openUploadTarget, preparedFileInfo, prepareUpload, recordUploads } from "./publish-steps.js";
import { isUniqueViolation } from "./unique-violation.js";

export { checkUploadFilename } from "./publish-steps.js";

/** An upload to publish into a source. */
export interface PublishInput {
  source: string;
  filename: string;
  body: Readable | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  /**
   * Digests the client claims (twine sends them); a mismatch refuses the upload.
   * They are read only after the body has been consumed, so a streaming multipart
   * reader may supply them as getters for fields that arrive after the file.
   */
  sha256?: string;
  md5?: string;
  /** Bioconductor release the file is for (Bioconductor sources; default: the configured release). */
  biocVersion?: string;
  /** Bioconductor section the file belongs to (default `bioc`, the software packages). */
  biocSection?: string;
  /** conda labels (default `main`). */
  labels?: string[];
}

/**
 * Publishes one file: checks the caller may write the source, streams the bytes
 * to a staging file while hashing, verifies claimed digests, reads and checks
 * the package's own metadata, makes the bytes durable, and only then records
 * the file. Any refusal leaves nothing behind. A filename is never reused in a
 * source (409), even after removal. The steps are shared with publishBatch.
 */
export async function publishFile(ctx: DomainContext, actor: Actor, input: PublishInput, meta: RequestMeta = {}): Promise<PackageFileInfo> {
  const source = await openUploadTarget(ctx, actor, input);
  checkUploadFilename(input.filename);
  const exists = await ctx.db
    .selectFrom("package_files")
    .select("project")
    .where("source_id", "=", source.id)
    .where("filename", "=", input.filename)
    .executeTakeFirst();
  // A private package's filenames are not told to those who may not publish to it.
  if (exists && (await privateProjectsClosedTo(ctx, actor, source, [exists.project])).size > 0) throw nameNotYours(exists.project, source.name);
  if (exists) throw alreadyExists(input.filename, source.name);

  const upload = await inspectUpload(ctx, actor, source, input);
  try {
    // Reserved before the bytes are committed, so garbage collection cannot take them meanwhile.
    const reservation = await reserveBlobs(ctx, [upload.staged.sha256, ...upload.inspected.companions.map((c) => sha256Of(c.bytes))]);
    const companionHashes = await commitUploadBlobs(ctx, upload).catch(async (err: unknown) => {
      await dropReservedBlobs(ctx, reservation).catch(() => 0);
      throw err;
    });
    const prepared = prepareUpload(ctx, actor, source, upload, companionHashes, input);
    try {
      await ctx.db.transaction().execute(async (tx) => {
        const refused = await recordUploads(tx, actor, source, [prepared], meta);
        const refusal = refused.get(input.filename);
        if (refusal) throw refusal;
        await releaseBlobs(tx, reservation);
      });
    } catch (err) {
      // The loser of a same-name race (or an upload refused here) deletes its own bytes, unless another file has them.
      await dropReservedBlobs(ctx, reservation).catch(() => 0);
      if (isUniqueViolation(err)) throw alreadyExists(input.filename, source.name);
      throw err;
    }
    ctx.bus.publish({ kind: "package", sourceId: source.id, project: prepared.inspected.project });
    return preparedFileInfo(prepared, source.name);
  } finally {
    // After commit the staged path is gone; before it, this drops the bytes of a refused upload.
    await ctx.blobs.discard(upload.staged);
  }
}

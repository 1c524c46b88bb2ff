import type { Readable } from "node:stream";
import { recordAudit } from "../audit/index.js";
import { requireSourceWrite } from "../access/repo-permissions.js";
import { type Actor, describeActor, userIdOf } from "../auth/index.js";
import { recordChange } from "../changes/index.js";
import type { DomainContext, RequestMeta } from "../context.js";
import { DomainError } from "../errors/index.js";
import { dropReservedBlobs, releaseBlobs, reserveBlobs, sha256Of } from "../gc/index.js";
import { newId } from "../ids.js";
import { didYouMean } from "@gatehouse/scope-engine";
import { BIOC_SECTIONS } from "../remote/mirror-index.js";
import { findSourceByName } from "../repos/index.js";
import { isUniqueViolation } from "./unique-violation.js";
import { inspectorFor } from "./inspectors.js";
import { refuseSecondSdist } from "./one-sdist-per-release.js";
import { type PackageFileInfo, toPackageFileInfo } from "./package-file-info.js";

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

const UNSAFE_FILENAME = /[/\\\0]|^\.\.?$|^\./;
const BIOC_VERSION = /^\d+\.\d+$/;

/** Refuses names that could escape a folder or confuse a client, naming the problem. */
export function checkUploadFilename(filename: string): void {
  if (!filename || filename.length > 255 || UNSAFE_FILENAME.test(filename) || filename.includes("..")) {
    throw new DomainError("INVALID_INPUT", `unsafe filename '${filename}': a plain file name is required (no path, no '..')`, "file");
  }
}

/**
 * Publishes one file: checks the caller may write the source, streams the bytes
 * to a staging file while hashing, verifies claimed digests, reads and checks
 * the package's own metadata, makes the bytes durable, and only then records
 * the file. Any refusal leaves nothing behind. A filename is never reused in a
 * source (409), even after removal.
 */
export async function publishFile(ctx: DomainContext, actor: Actor, input: PublishInput, meta: RequestMeta = {}): Promise<PackageFileInfo> {
  const source = await findSourceByName(ctx.db, input.source);
  if (!source) {
    // Drain nothing: the caller closes the request. Say what exists instead.
    throw new DomainError("NOT_FOUND", `no source named '${input.source}'; create it with \`gatehouse create source\``, "source");
  }
  await requireSourceWrite(ctx, actor, source);
  if (source.type === "remote") {
    throw new DomainError("INVALID_INPUT", `source '${source.name}' mirrors ${source.upstream_url ?? "an upstream"} and takes no uploads: upload to a local source`, "source");
  }
  checkUploadFilename(input.filename);
  if (input.biocVersion !== undefined && !BIOC_VERSION.test(input.biocVersion)) {
    throw new DomainError("INVALID_INPUT", `invalid Bioconductor version '${input.biocVersion}': use a release such as 3.20`, "bioc-version");
  }
  if (input.biocSection !== undefined && !(BIOC_SECTIONS as readonly string[]).includes(input.biocSection)) {
    throw new DomainError("INVALID_INPUT", `unknown Bioconductor section '${input.biocSection}'${didYouMean(input.biocSection, BIOC_SECTIONS)}: use one of ${BIOC_SECTIONS.join(", ")}`, "bioc-section");
  }
  const exists = await ctx.db
    .selectFrom("package_files")
    .select("id")
    .where("source_id", "=", source.id)
    .where("filename", "=", input.filename)
    .executeTakeFirst();
  if (exists) throw conflict(input.filename, source.name);

  const staged = await ctx.blobs.stage(input.body, { maxBytes: ctx.settings.maxUploadBytes });
  try {
    if (input.sha256 && input.sha256.toLowerCase() !== staged.sha256) {
      throw new DomainError("DIGEST_MISMATCH", `sha256 of the received bytes (${staged.sha256}) differs from the one sent (${input.sha256}): the upload was corrupted, retry it`, "sha256_digest");
    }
    if (input.md5 && input.md5.toLowerCase() !== staged.md5) {
      throw new DomainError("DIGEST_MISMATCH", `md5 of the received bytes (${staged.md5}) differs from the one sent (${input.md5}): the upload was corrupted, retry it`, "md5_digest");
    }
    const inspected = await inspectorFor(source.kind)({ ...staged, filename: input.filename });
    const sdistTarget = { sourceId: source.id, sourceName: source.name };
    // Checked before the bytes are made durable, and again under a lock in the transaction for races.
    await refuseSecondSdist(ctx.db, sdistTarget, inspected, input.filename);
    // The file and its companions (PEP 658 metadata) are made durable concurrently: their fsyncs overlap.
    // Reserved before the bytes are committed, so garbage collection cannot take them meanwhile.
    const reservation = await reserveBlobs(ctx, [staged.sha256, ...inspected.companions.map((c) => sha256Of(c.bytes))]);
    const [companionHashes] = await Promise.all([Promise.all(inspected.companions.map((c) => ctx.blobs.putBytes(c.bytes))), ctx.blobs.commit(staged)]).catch(
      async (err: unknown) => {
        await dropReservedBlobs(ctx, reservation).catch(() => 0);
        throw err;
      },
    );
    const metadata = { ...inspected.metadata };
    inspected.companions.forEach((c, i) => {
      metadata[c.key] = companionHashes[i];
    });

    const now = ctx.now();
    const isBioc = source.kind === "bioconductor";
    const labels = source.kind === "conda" ? [...new Set(input.labels?.length ? input.labels : ["main"])] : [];
    const row = {
      id: newId("file"),
      source_id: source.id,
      filename: input.filename,
      project: inspected.project,
      name: inspected.name,
      version: inspected.version,
      kind: inspected.kind,
      sha256: staged.sha256,
      md5: staged.md5,
      size: staged.size,
      // A Bioconductor file's section is its subdir, as mirrored ones are filed (none: the software section).
      subdir: isBioc ? (input.biocSection === undefined || input.biocSection === "bioc" ? null : input.biocSection) : inspected.subdir,
      bioc_version: isBioc ? (input.biocVersion ?? ctx.settings.biocRelease) : null,
      metadata: JSON.stringify(metadata),
      uploaded_by: describeActor(actor),
      published_at: now,
      removed_at: null,
      yanked_reason: null,
    };
    try {
      await ctx.db.transaction().execute(async (tx) => {
        await refuseSecondSdist(tx, sdistTarget, inspected, input.filename, { lock: true });
        await tx.insertInto("package_files").values(row).execute();
        await releaseBlobs(tx, reservation);
        for (const label of labels) await tx.insertInto("file_labels").values({ file_id: row.id, label, added_at: now, removed_at: null }).execute();
        await tx
          .insertInto("packages")
          .values({ source_id: source.id, project: inspected.project, private: false, owner_id: userIdOf(actor), updated_at: now })
          .onConflict((oc) => oc.columns(["source_id", "project"]).doNothing())
          .execute();
        await recordChange(tx, { kind: "package", sourceId: source.id, project: inspected.project });
        await recordAudit(tx, {
          actor: describeActor(actor),
          action: "file.publish",
          target: `source:${source.name}/${input.filename}`,
          address: meta.address ?? null,
          detail: { sha256: staged.sha256, size: staged.size },
        });
      });
    } catch (err) {
      // The loser of a same-name race (or an upload refused here) deletes its own bytes, unless another file has them.
      await dropReservedBlobs(ctx, reservation).catch(() => 0);
      if (isUniqueViolation(err)) throw conflict(input.filename, source.name);
      throw err;
    }
    ctx.bus.publish({ kind: "package", sourceId: source.id, project: inspected.project });
    return toPackageFileInfo({ ...row, metadata, published_at: now, removed_at: null, upstream_url: null }, source.name, labels);
  } finally {
    // After commit the staged path is gone; before it, this drops the bytes of a refused upload.
    await ctx.blobs.discard(staged);
  }
}

function conflict(filename: string, source: string): DomainError {
  return new DomainError(
    "ALREADY_EXISTS",
    `${filename} already exists in source '${source}'; files are immutable: publish a new version instead`,
    "file",
  );
}

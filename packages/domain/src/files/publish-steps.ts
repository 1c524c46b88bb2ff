import type { Insertable, Kysely } from "kysely";
import { didYouMean } from "@gatehouse/scope-engine";
import { recordAudits } from "../audit/index.js";
import { nameNotYours, requirePublishableName } from "../access/private-packages.js";
import { requireSourceWrite } from "../access/repo-permissions.js";
import { type Actor, describeActor, userIdOf } from "../auth/index.js";
import type { StagedBlob } from "../blobs/index.js";
import { recordChanges } from "../changes/index.js";
import type { DomainContext, RequestMeta } from "../context.js";
import type { Database, PackageFilesTable, SourceRow } from "../db/index.js";
import { DomainError, isDomainError } from "../errors/index.js";
import { newId } from "../ids.js";
import { BIOC_SECTIONS } from "../remote/mirror-index.js";
import { findSourceByName } from "../repos/index.js";
import type { InspectedFile } from "./inspected-file.js";
import { inspectorFor } from "./inspectors.js";
import { refuseSecondSdist } from "./one-sdist-per-release.js";
import { type PackageFileInfo, toPackageFileInfo } from "./package-file-info.js";
import type { PublishInput } from "./publish-file.js";

// The steps of a publish, shared by publishFile (one upload) and publishBatch (a bulk import), so
// both apply the same rules in the same order: target checks, filename, staging and digests,
// inspection, the one-sdist rule, durable bytes, then the rows in one transaction.

/** A staged upload that passed inspection; its bytes are not yet durable in the store. */
export interface InspectedUpload {
  filename: string;
  staged: StagedBlob;
  inspected: InspectedFile;
}

/** The rows of one upload whose bytes (and companions) are durable, ready to be recorded. */
export interface PreparedUpload {
  row: Insertable<PackageFilesTable> & { id: string; published_at: Date };
  metadata: Record<string, unknown>;
  labels: string[];
  inspected: InspectedFile;
}

const UNSAFE_FILENAME = /[/\\\0]|^\.\.?$|^\./;
const BIOC_VERSION = /^\d+\.\d+$/;

/** Refuses names that could escape a folder or confuse a client, naming the problem. */
export function checkUploadFilename(filename: string): void {
  if (!filename || filename.length > 255 || UNSAFE_FILENAME.test(filename) || filename.includes("..")) {
    throw new DomainError("INVALID_INPUT", `unsafe filename '${filename}': a plain file name is required (no path, no '..')`, "file");
  }
}

/** The source an upload goes into, once the caller may write it and the upload options are valid. */
export async function openUploadTarget(ctx: DomainContext, actor: Actor, input: Pick<PublishInput, "source" | "biocVersion" | "biocSection">): Promise<SourceRow> {
  const source = await findSourceByName(ctx.db, input.source);
  if (!source) {
    // Drain nothing: the caller closes the request. Say what exists instead.
    throw new DomainError("NOT_FOUND", `no source named '${input.source}'; create it with \`gatehouse create source\``, "source");
  }
  await requireSourceWrite(ctx, actor, source);
  if (source.type === "remote") {
    throw new DomainError("INVALID_INPUT", `source '${source.name}' mirrors ${source.upstream_url ?? "an upstream"} and takes no uploads: upload to a local source`, "source");
  }
  if (input.biocVersion !== undefined && !BIOC_VERSION.test(input.biocVersion)) {
    throw new DomainError("INVALID_INPUT", `invalid Bioconductor version '${input.biocVersion}': use a release such as 3.20`, "bioc-version");
  }
  if (input.biocSection !== undefined && !(BIOC_SECTIONS as readonly string[]).includes(input.biocSection)) {
    throw new DomainError("INVALID_INPUT", `unknown Bioconductor section '${input.biocSection}'${didYouMean(input.biocSection, BIOC_SECTIONS)}: use one of ${BIOC_SECTIONS.join(", ")}`, "bioc-section");
  }
  return source;
}

/** The refusal of a filename a source already holds (files are immutable, names never reused). */
export function alreadyExists(filename: string, source: string): DomainError {
  return new DomainError("ALREADY_EXISTS", `${filename} already exists in source '${source}'; files are immutable: publish a new version instead`, "file");
}

/**
 * Stages the body (hashing it), checks claimed digests, reads the package's own metadata, whether
 * the actor may publish to it (a private package is its owner's and its write grantees') and the
 * one-sdist rule. Any refusal drops the staged bytes; on success the caller owns them. A batch
 * passes `closed`, the source's private projects closed to the actor, read once for all its files.
 */
export async function inspectUpload(ctx: DomainContext, actor: Actor, source: SourceRow, input: PublishInput, closed?: ReadonlySet<string>): Promise<InspectedUpload> {
  const staged = await ctx.blobs.stage(input.body, { maxBytes: ctx.settings.maxUploadBytes });
  try {
    if (input.sha256 && input.sha256.toLowerCase() !== staged.sha256) {
      throw new DomainError("DIGEST_MISMATCH", `sha256 of the received bytes (${staged.sha256}) differs from the one sent (${input.sha256}): the upload was corrupted, retry it`, "sha256_digest");
    }
    if (input.md5 && input.md5.toLowerCase() !== staged.md5) {
      throw new DomainError("DIGEST_MISMATCH", `md5 of the received bytes (${staged.md5}) differs from the one sent (${input.md5}): the upload was corrupted, retry it`, "md5_digest");
    }
    const inspected = await inspectorFor(source.kind, ctx.settings.archiveLimits)({ ...staged, filename: input.filename });
    // Before the one-sdist rule, whose refusal names the release's first file.
    if (closed === undefined) await requirePublishableName(ctx, actor, source, inspected.project);
    else if (closed.has(inspected.project)) throw nameNotYours(inspected.project, source.name);
    // Checked before the bytes are made durable, and again under a lock in the transaction for races.
    await refuseSecondSdist(ctx.db, { sourceId: source.id, sourceName: source.name }, inspected, input.filename);
    return { filename: input.filename, staged, inspected };
  } catch (err) {
    await ctx.blobs.discard(staged);
    throw err;
  }
}

/** Makes the file and its companions (PEP 658 metadata) durable, concurrently so their fsyncs overlap; returns the companions' digests. */
export async function commitUploadBlobs(ctx: DomainContext, upload: InspectedUpload): Promise<string[]> {
  const [companionHashes] = await Promise.all([Promise.all(upload.inspected.companions.map((c) => ctx.blobs.putBytes(c.bytes))), ctx.blobs.commit(upload.staged)]);
  return companionHashes;
}

/** The file row of an upload whose bytes are durable. */
export function prepareUpload(
  ctx: DomainContext,
  actor: Actor,
  source: SourceRow,
  upload: InspectedUpload,
  companionHashes: readonly string[],
  options: Pick<PublishInput, "biocVersion" | "biocSection" | "labels">,
): PreparedUpload {
  const { staged, inspected } = upload;
  const metadata = { ...inspected.metadata };
  inspected.companions.forEach((c, i) => {
    metadata[c.key] = companionHashes[i];
  });
  const now = ctx.now();
  const isBioc = source.kind === "bioconductor";
  const labels = source.kind === "conda" ? [...new Set(options.labels?.length ? options.labels : ["main"])] : [];
  const row = {
    id: newId("file"),
    source_id: source.id,
    filename: upload.filename,
    project: inspected.project,
    name: inspected.name,
    version: inspected.version,
    kind: inspected.kind,
    sha256: staged.sha256,
    md5: staged.md5,
    size: staged.size,
    // A Bioconductor file's section is its subdir, as mirrored ones are filed (none: the software section).
    subdir: isBioc ? (options.biocSection === undefined || options.biocSection === "bioc" ? null : options.biocSection) : inspected.subdir,
    bioc_version: isBioc ? (options.biocVersion ?? ctx.settings.biocRelease) : null,
    metadata: JSON.stringify(metadata),
    uploaded_by: describeActor(actor),
    published_at: now,
    removed_at: null,
    yanked_reason: null,
  };
  return { row, metadata, labels, inspected };
}

/**
 * Records prepared uploads inside the caller's transaction: the one-sdist rule again under its lock
 * (each sdist is written right after its check, so a second one of a release in the same batch is
 * seen), then the other files, labels, package rows, the changes for other nodes and the audit
 * events, a statement each for the whole batch. Returns the uploads the rule refused (not written).
 */
export async function recordUploads(tx: Kysely<Database>, actor: Actor, source: SourceRow, prepared: readonly PreparedUpload[], meta: RequestMeta): Promise<Map<string, DomainError>> {
  const refused = new Map<string, DomainError>();
  const kept: PreparedUpload[] = [];
  const target = { sourceId: source.id, sourceName: source.name };
  for (const p of prepared) {
    if (p.inspected.kind !== "sdist") continue;
    try {
      await refuseSecondSdist(tx, target, p.inspected, p.row.filename, { lock: true });
    } catch (err) {
      // Thrown after a read only: the transaction is intact and the batch's other files go on.
      if (!isDomainError(err)) throw err;
      refused.set(p.row.filename, err);
      continue;
    }
    await tx.insertInto("package_files").values(p.row).execute();
    kept.push(p);
  }
  const others = prepared.filter((p) => p.inspected.kind !== "sdist");
  if (others.length > 0) await tx.insertInto("package_files").values(others.map((p) => p.row)).execute();
  kept.push(...others);
  if (kept.length === 0) return refused;
  const labels = kept.flatMap((p) => p.labels.map((label) => ({ file_id: p.row.id, label, added_at: p.row.published_at, removed_at: null })));
  if (labels.length > 0) await tx.insertInto("file_labels").values(labels).execute();
  const projects = [...new Set(kept.map((p) => p.inspected.project))];
  const now = kept[0]?.row.published_at ?? new Date();
  await tx
    .insertInto("packages")
    .values(projects.map((project) => ({ source_id: source.id, project, private: false, owner_id: userIdOf(actor), updated_at: now })))
    .onConflict((oc) => oc.columns(["source_id", "project"]).doNothing())
    .execute();
  await recordChanges(tx, projects.map((project) => ({ kind: "package" as const, sourceId: source.id, project })));
  await recordAudits(
    tx,
    kept.map((p) => ({
      actor: describeActor(actor),
      action: "file.publish",
      target: `source:${source.name}/${p.row.filename}`,
      address: meta.address ?? null,
      detail: { sha256: p.row.sha256, size: p.row.size },
    })),
  );
  return refused;
}

/** What callers see of a recorded upload. */
export function preparedFileInfo(prepared: PreparedUpload, sourceName: string): PackageFileInfo {
  const { row } = prepared;
  return toPackageFileInfo(
    { ...row, subdir: row.subdir ?? null, bioc_version: row.bioc_version ?? null, yanked_reason: null, metadata: prepared.metadata, removed_at: null, upstream_url: null },
    sourceName,
    prepared.labels,
  );
}

import type { Resource } from "@gatehouse/scope-engine";
import { recordAudit } from "../audit/index.js";
import { type Actor, describeActor, requireAllowed } from "../auth/index.js";
import type { DomainContext, RequestMeta } from "../context.js";
import { DomainError } from "../errors/index.js";
import { findRepoByName } from "../repos/repo-queries.js";
import { noSuchRepo } from "../repos/name-hints.js";
import { type NoteRow, deleteNote, findNote, selectNotes, selectRepoPackageNames, upsertNote } from "./metadata-queries.js";
import type { ListPackageMetadataInput, PackageMetadataEntry, PackageVisibility, SetPackageMetadataInput } from "./metadata-types.js";
import { requireNoteKey, requireNoteName, requireNoteValue } from "./note-input.js";

function toEntry(row: NoteRow): PackageMetadataEntry {
  return { name: row.name, key: row.key, value: row.value, updatedAt: row.updated_at.toISOString(), updatedBy: row.updated_by };
}

/**
 * Sets a note on a package (needs `metadata:manage`, given by `metadata:admin`); an empty value removes
 * the key and returns null. Audited as `metadata.set` with the value before and after.
 *
 * @example
 * await setPackageMetadata(ctx, actor, { name: "requests", key: "owner", value: "platform-team" });
 */
export async function setPackageMetadata(
  ctx: DomainContext,
  actor: Actor,
  input: SetPackageMetadataInput,
  meta: RequestMeta = {},
): Promise<PackageMetadataEntry | null> {
  requireAllowed(actor, "metadata:manage");
  const name = requireNoteName(input.name);
  const key = requireNoteKey(input.key);
  const value = requireNoteValue(input.value);
  if (value === "") {
    await deletePackageMetadata(ctx, actor, { name, key }, meta, { missingOk: true });
    return null;
  }
  const row: NoteRow = { name, key, value, updated_at: ctx.now(), updated_by: describeActor(actor) };
  await ctx.db.transaction().execute(async (tx) => {
    const before = await findNote(tx, name, key);
    await upsertNote(tx, row);
    const detail = { name, key, value, before: before?.value ?? null };
    await recordAudit(tx, { actor: row.updated_by, action: "metadata.set", target: `package:${name}`, address: meta.address ?? null, detail });
  });
  return toEntry(row);
}

/** Removes a note (needs `metadata:manage`); NOT_FOUND when the package has no such key, unless `missingOk`. */
export async function deletePackageMetadata(
  ctx: DomainContext,
  actor: Actor,
  input: { name: string; key: string },
  meta: RequestMeta = {},
  options: { missingOk?: boolean } = {},
): Promise<void> {
  requireAllowed(actor, "metadata:manage");
  const name = requireNoteName(input.name);
  const key = requireNoteKey(input.key);
  await ctx.db.transaction().execute(async (tx) => {
    const before = await findNote(tx, name, key);
    if (before === undefined || !(await deleteNote(tx, name, key))) {
      if (options.missingOk) return;
      throw new DomainError("NOT_FOUND", `package '${name}' has no metadata key '${key}'; list its keys with \`gatehouse list metadata --name ${name}\``, "key");
    }
    const detail = { name, key, before: before.value };
    await recordAudit(tx, { actor: describeActor(actor), action: "metadata.delete", target: `package:${name}`, address: meta.address ?? null, detail });
  });
}

/**
 * Notes by package and key. With `repo`: only packages that repo serves, for whoever may read the repo's
 * metadata (`repos:read` listing it, legacy `metadata:read`, …). Without: every package, for unscoped
 * readers only (`metadata:admin`, `api:read`, legacy `metadata:read`, admins). `visible` hides packages
 * the caller may not see (the read path's rule).
 *
 * @example
 * await listPackageMetadata(ctx, actor, { repo: "pypi", name: "requests" });
 */
export async function listPackageMetadata(
  ctx: DomainContext,
  actor: Actor,
  input: ListPackageMetadataInput = {},
  visible?: PackageVisibility,
): Promise<PackageMetadataEntry[]> {
  const name = input.name === undefined || input.name === "" ? undefined : requireNoteName(input.name);
  let inRepo: Set<string> | undefined;
  if (input.repo !== undefined && input.repo !== "") {
    const repo = await findRepoByName(ctx.db, input.repo);
    // Checked before NOT_FOUND, so a caller who may not read a repo cannot tell whether it exists.
    const resource: Resource = repo ? { repo: repo.name, repoType: repo.type } : { repo: input.repo };
    requireAllowed(actor, "metadata:read", resource);
    if (repo === undefined) throw await noSuchRepo(ctx, actor, input.repo, "repo");
    inRepo = await selectRepoPackageNames(ctx.db, repo.id);
  } else {
    requireAllowed(actor, "metadata:read");
  }
  const rows = await selectNotes(ctx.db, name);
  return rows.filter((r) => (inRepo === undefined || inRepo.has(r.name)) && (visible === undefined || visible(r.name))).map(toEntry);
}

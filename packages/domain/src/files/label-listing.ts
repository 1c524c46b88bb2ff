import { privateProjectsHiddenFrom } from "../access/private-packages.js";
import { type Actor, can } from "../auth/index.js";
import type { DomainContext } from "../context.js";
import type { SourceRow } from "../db/index.js";
import { DomainError } from "../errors/index.js";
import { findSourceByName, noSuchSource } from "../repos/index.js";

/** A label of one file, since when it carries it. */
export interface FileLabel {
  label: string;
  addedAt: string;
}

/** A label of a conda source and how many of its published files carry it. */
export interface SourceLabel {
  label: string;
  files: number;
}

// Labels are part of what a source's file listing shows: the same readers (api:read or its writers).
async function readableCondaSource(ctx: DomainContext, actor: Actor, name: string): Promise<SourceRow> {
  const source = await findSourceByName(ctx.db, name);
  if (!source) throw await noSuchSource(ctx, actor, name);
  if (!can(actor, "api:read") && !can(actor, "source:write", { source: source.name, sourceKind: source.kind })) {
    throw new DomainError(actor.kind === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN", "listing a source's labels needs api:read or write access to it");
  }
  if (source.kind !== "conda") throw new DomainError("INVALID_INPUT", `labels are a conda feature; source '${source.name}' holds ${source.kind} packages`, "source");
  return source;
}

/**
 * Labels one published conda file carries now, oldest first.
 *
 * @example await listFileLabels(ctx, actor, { source: "conda-internal", filename: "app-1.0-0.conda" }) // [{ label: "main", addedAt }]
 */
export async function listFileLabels(ctx: DomainContext, actor: Actor, input: { source: string; filename: string }): Promise<FileLabel[]> {
  const source = await readableCondaSource(ctx, actor, input.source);
  const file = await ctx.db.selectFrom("package_files").select(["id", "project", "removed_at"]).where("source_id", "=", source.id).where("filename", "=", input.filename).executeTakeFirst();
  // A private package the caller may not see is absent, as in the source's file listing.
  const hidden = file !== undefined && (await privateProjectsHiddenFrom(ctx, actor, source)).has(file.project);
  if (!file || file.removed_at || hidden) throw new DomainError("NOT_FOUND", `no published file '${input.filename}' in source '${source.name}'`, "file");
  const rows = await ctx.db.selectFrom("file_labels").select(["label", "added_at"]).where("file_id", "=", file.id).where("removed_at", "is", null).orderBy("added_at").orderBy("label").execute();
  return rows.map((r) => ({ label: r.label, addedAt: r.added_at.toISOString() }));
}

/**
 * Every label of a conda source's published files, with how many carry it.
 *
 * @example await listSourceLabels(ctx, actor, "conda-internal") // [{ label: "dev", files: 2 }, { label: "main", files: 10 }]
 */
export async function listSourceLabels(ctx: DomainContext, actor: Actor, sourceName: string): Promise<SourceLabel[]> {
  const source = await readableCondaSource(ctx, actor, sourceName);
  const hidden = [...(await privateProjectsHiddenFrom(ctx, actor, source))];
  let q = ctx.db
    .selectFrom("file_labels")
    .innerJoin("package_files", "package_files.id", "file_labels.file_id")
    .select((eb) => ["file_labels.label", eb.fn.countAll<string>().as("files")])
    .where("package_files.source_id", "=", source.id)
    .where("package_files.removed_at", "is", null)
    .where("file_labels.removed_at", "is", null);
  if (hidden.length > 0) q = q.where("package_files.project", "not in", hidden);
  const rows = await q.groupBy("file_labels.label").orderBy("file_labels.label").execute();
  return rows.map((r) => ({ label: r.label, files: Number(r.files) }));
}

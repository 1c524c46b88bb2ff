import { privateProjectsHiddenFrom } from "../access/private-packages.js";
import { type Actor, can } from "../auth/index.js";
import type { DomainContext } from "../context.js";
import { DomainError } from "../errors/index.js";
import { findSourceByName, noSuchSource } from "../repos/index.js";
import { type PackageFileInfo, toPackageFileInfo } from "./package-file-info.js";

/**
 * Files of a source (live ones, or all with `includeRemoved`); needs `api:read` or write access to
 * it. Private packages the actor may not see are left out, as the indexes leave them out.
 */
export async function listSourceFiles(
  ctx: DomainContext,
  actor: Actor,
  input: { source: string; includeRemoved?: boolean; project?: string },
): Promise<PackageFileInfo[]> {
  const source = await findSourceByName(ctx.db, input.source);
  if (!source) throw await noSuchSource(ctx, actor, input.source);
  if (!can(actor, "api:read") && !can(actor, "source:write", { source: source.name, sourceKind: source.kind })) {
    throw new DomainError(actor.kind === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN", "listing a source's files needs api:read or write access to it");
  }
  let q = ctx.db.selectFrom("package_files").selectAll().where("source_id", "=", source.id).orderBy("project").orderBy("published_at");
  if (!input.includeRemoved) q = q.where("removed_at", "is", null);
  if (input.project) q = q.where("project", "=", input.project);
  const hidden = await privateProjectsHiddenFrom(ctx, actor, source);
  const rows = (await q.execute()).filter((r) => !hidden.has(r.project));
  const labels = rows.length
    ? await ctx.db
        .selectFrom("file_labels")
        .select(["file_id", "label"])
        .where("file_id", "in", rows.map((r) => r.id))
        .where("removed_at", "is", null)
        .execute()
    : [];
  const byFile = new Map<string, string[]>();
  for (const l of labels) byFile.set(l.file_id, [...(byFile.get(l.file_id) ?? []), l.label]);
  return rows.map((r) => toPackageFileInfo(r, source.name, byFile.get(r.id) ?? []));
}

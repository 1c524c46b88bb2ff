import { recordAudit } from "../audit/index.js";
import { privateProjectsClosedTo } from "../access/private-packages.js";
import { requireSourceWrite } from "../access/repo-permissions.js";
import { type Actor, describeActor } from "../auth/index.js";
import { recordChange } from "../changes/index.js";
import type { DomainContext, RequestMeta } from "../context.js";
import { DomainError } from "../errors/index.js";
import { findSourceByName, noSuchSource } from "../repos/index.js";
import { type PackageFileInfo, toPackageFileInfo } from "./package-file-info.js";

/** A Python file to yank (PEP 592): installers skip it unless a requirement pins its version exactly. */
export interface YankInput {
  source: string;
  filename: string;
  /** Why, shown by pip when it installs a pinned yanked file; empty or left out: no reason. */
  reason?: string;
}

/**
 * Yanks one live Python file, or with `undo` takes the yank back (needs write
 * access to its source). The file stays downloadable; indexes mark it
 * `data-yanked` / `"yanked"` at once (a package change clears cached pages).
 *
 * @example await yankFile(ctx, actor, { source: "internal", filename: "app-1.0-py3-none-any.whl", reason: "broken on 3.13" })
 */
export async function yankFile(ctx: DomainContext, actor: Actor, input: YankInput & { undo?: boolean }, meta: RequestMeta = {}): Promise<PackageFileInfo> {
  const source = await findSourceByName(ctx.db, input.source);
  if (!source) throw await noSuchSource(ctx, actor, input.source);
  await requireSourceWrite(ctx, actor, source);
  if (source.kind !== "python") {
    throw new DomainError("INVALID_INPUT", `yanking is a Python feature (PEP 592); source '${source.name}' holds ${source.kind} packages: remove the version instead (gatehouse remove)`, "source");
  }
  const reason = input.undo ? null : (input.reason ?? "").trim();
  if (reason !== null && reason.length > 500) throw new DomainError("INVALID_INPUT", "the reason may have at most 500 characters", "reason");
  // A file of someone else's private package is absent to this caller, as the indexes show it (a file's project never changes).
  const owner = await ctx.db.selectFrom("package_files").select("project").where("source_id", "=", source.id).where("filename", "=", input.filename).executeTakeFirst();
  const hidden = owner !== undefined && (await privateProjectsClosedTo(ctx, actor, source, [owner.project])).size > 0;
  const result = await ctx.db.transaction().execute(async (tx) => {
    const found = await tx.selectFrom("package_files").selectAll().where("source_id", "=", source.id).where("filename", "=", input.filename).forUpdate().executeTakeFirst();
    const file = hidden ? undefined : found;
    if (!file) throw new DomainError("NOT_FOUND", `no file '${input.filename}' in source '${source.name}'; list them with \`gatehouse info --repo <repo> --name <package>\``, "file");
    if (file.removed_at) throw new DomainError("NOT_FOUND", `${file.filename} was removed from source '${source.name}'; a removed file is not served, so there is nothing to yank`, "file");
    if (file.yanked_reason === reason) return { file, changed: false };
    const updated = await tx.updateTable("package_files").set({ yanked_reason: reason }).where("id", "=", file.id).returningAll().executeTakeFirstOrThrow();
    await recordChange(tx, { kind: "package", sourceId: source.id, project: file.project });
    await recordAudit(tx, {
      actor: describeActor(actor),
      action: input.undo ? "file.unyank" : "file.yank",
      target: `source:${source.name}/${file.filename}`,
      address: meta.address ?? null,
      detail: input.undo ? { previousReason: file.yanked_reason } : { reason },
    });
    return { file: updated, changed: true };
  });
  if (result.changed) ctx.bus.publish({ kind: "package", sourceId: source.id, project: result.file.project });
  return toPackageFileInfo(result.file, source.name);
}

import { recordAudit } from "../audit/index.js";
import { privateProjectsClosedTo } from "../access/private-packages.js";
import { requireSourceWrite } from "../access/repo-permissions.js";
import { type Actor, describeActor } from "../auth/index.js";
import { recordChange } from "../changes/index.js";
import type { DomainContext, RequestMeta } from "../context.js";
import { DomainError } from "../errors/index.js";
import { findSourceByName, noSuchSource } from "../repos/index.js";
import { normalizeNameFor } from "./inspectors.js";

/** Which files to remove: every live file of a package, or one version. */
export interface RemoveInput {
  source: string;
  name: string;
  version?: string;
}

/**
 * Removes files from a source. Rows stay (with `removed_at`), so dated
 * snapshots still serve them and their filenames are never reused.
 */
export async function removeFiles(ctx: DomainContext, actor: Actor, input: RemoveInput, meta: RequestMeta = {}): Promise<{ removed: string[] }> {
  const source = await findSourceByName(ctx.db, input.source);
  if (!source) throw await noSuchSource(ctx, actor, input.source);
  await requireSourceWrite(ctx, actor, source);
  const project = normalizeNameFor(source.kind, input.name);
  const now = ctx.now();
  // Someone else's private package is absent to this caller: the same answer as a name with no files.
  const closed = (await privateProjectsClosedTo(ctx, actor, source, [project])).size > 0;
  const removed = await ctx.db.transaction().execute(async (tx) => {
    let q = tx
      .updateTable("package_files")
      .set({ removed_at: now })
      .where("source_id", "=", source.id)
      .where("project", "=", project)
      .where("removed_at", "is", null);
    if (input.version !== undefined) q = q.where("version", "=", input.version);
    const rows = closed ? [] : await q.returning("filename").execute();
    if (rows.length === 0) {
      const what = input.version ? `${input.name} ${input.version}` : input.name;
      throw new DomainError("NOT_FOUND", `no published files of ${what} in source '${source.name}'`, "name");
    }
    await recordChange(tx, { kind: "package", sourceId: source.id, project });
    await recordAudit(tx, {
      actor: describeActor(actor),
      action: "file.remove",
      target: `source:${source.name}/${project}`,
      address: meta.address ?? null,
      detail: { version: input.version ?? null, files: rows.map((r) => r.filename) },
    });
    return rows.map((r) => r.filename);
  });
  ctx.bus.publish({ kind: "package", sourceId: source.id, project });
  return { removed };
}

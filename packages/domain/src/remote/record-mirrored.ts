import type { DomainContext } from "../context.js";
import type { SourceRow } from "../db/index.js";
import { recordChange } from "../changes/index.js";
import { newId } from "../ids.js";
import type { MirroredFile } from "./mirrored-file.js";

const LOOKUP_CHUNK = 1000;
const INSERT_CHUNK = 200;
// Past this many changed projects one source-wide change is cheaper than one per project.
const PER_PROJECT_CHANGES = 100;

/**
 * Records what an upstream index lists: files not seen before become rows
 * (published_at = now, the time Gatehouse first saw them, so dated snapshots
 * stay reproducible), mirrored conda files carry the `main` label, and `key`'s
 * freshness is set to now — in one transaction, so a half-read index is never
 * visible. Files seen before are left as they are (a mirror never rewrites
 * what it served). Caches learn of the new rows through one change per
 * project, or one for the source when many changed.
 */
export async function recordMirroredFiles(ctx: DomainContext, source: SourceRow, key: string, files: readonly MirroredFile[], now: Date): Promise<number> {
  const projects = await ctx.db.transaction().execute(async (tx) => {
    const known = new Set<string>();
    for (let i = 0; i < files.length; i += LOOKUP_CHUNK) {
      const names = files.slice(i, i + LOOKUP_CHUNK).map((f) => f.filename);
      const rows = await tx.selectFrom("package_files").select("filename").where("source_id", "=", source.id).where("filename", "in", names).execute();
      for (const r of rows) known.add(r.filename);
    }
    const fresh = files.filter((f) => !known.has(f.filename));
    const changed = new Set<string>();
    for (let i = 0; i < fresh.length; i += INSERT_CHUNK) {
      const values = fresh.slice(i, i + INSERT_CHUNK).map((f) => ({
        id: newId("file"),
        source_id: source.id,
        filename: f.filename,
        project: f.project,
        name: f.name,
        version: f.version,
        kind: f.kind,
        sha256: f.sha256,
        md5: f.md5,
        size: f.size,
        subdir: f.subdir,
        bioc_version: f.biocVersion,
        metadata: JSON.stringify(f.metadata),
        uploaded_by: "upstream",
        published_at: now,
        yanked_reason: f.yanked,
        upstream_url: f.url,
      }));
      // Another node may have recorded some meanwhile: theirs stand.
      const inserted = await tx
        .insertInto("package_files")
        .values(values)
        .onConflict((oc) => oc.columns(["source_id", "filename"]).doNothing())
        .returning(["id", "project", "kind"])
        .execute();
      const labelled = inserted.filter((r) => r.kind === "conda").map((r) => ({ file_id: r.id, label: "main", added_at: now, removed_at: null }));
      if (labelled.length > 0) await tx.insertInto("file_labels").values(labelled).execute();
      for (const r of inserted) changed.add(r.project);
    }
    await tx
      .insertInto("remote_projects")
      .values({ source_id: source.id, project: key, fetched_at: now })
      .onConflict((oc) => oc.columns(["source_id", "project"]).doUpdateSet({ fetched_at: now }))
      .execute();
    const changes = changed.size > PER_PROJECT_CHANGES ? [null] : [...changed];
    for (const project of changes) await recordChange(tx, { kind: "package", sourceId: source.id, project });
    return changes;
  });
  for (const project of projects) ctx.bus.publish({ kind: "package", sourceId: source.id, project });
  return projects.length;
}

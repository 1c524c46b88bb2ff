import type { DomainContext } from "../context.js";
import type { PackageFileRow, SourceRow } from "../db/index.js";
import { recordChange } from "../changes/index.js";
import { newId } from "../ids.js";
import { fetchPythonProject } from "./python-upstream.js";
import { upstreamFailed } from "./upstream-error.js";
import { getUpstream } from "./upstream-fetch.js";

/**
 * Pull-through mirroring of remote sources: a project's upstream page is read
 * when first asked for and again once it is older than the index TTL; new
 * upstream files are recorded as rows (published_at = first seen, so dated
 * snapshots of a mirror stay reproducible); bytes are fetched on first
 * download, verified against the upstream's sha256 and stored like uploads.
 * Concurrent first requests share one upstream fetch. When the upstream fails,
 * what was seen before keeps being served; what never was gets a 502/504.
 * Cleared by: nothing — `fresh` holds only when each project was last read (per node).
 */
export class RemoteMirror {
  private readonly fresh = new Map<string, number>();
  private readonly refreshing = new Map<string, Promise<void>>();
  private readonly fetching = new Map<string, Promise<PackageFileRow>>();

  constructor(private readonly ctx: DomainContext) {}

  /** Brings the source's view of one project up to date (at most once per TTL, unless `force`). */
  refreshProject(source: SourceRow, project: string, force = false): Promise<void> {
    const key = `${source.id}\u0000${project}`;
    const seenAt = this.fresh.get(key);
    if (!force && seenAt !== undefined && this.ctx.now().getTime() - seenAt < this.ctx.settings.upstream.indexTtlSeconds * 1000) return Promise.resolve();
    let running = this.refreshing.get(key);
    if (!running) {
      running = this.refresh(source, project, key, force).finally(() => this.refreshing.delete(key));
      this.refreshing.set(key, running);
    }
    return running;
  }

  /** The file with its bytes stored: fetched once from the upstream and verified when they are not. */
  async ensureBytes(file: PackageFileRow): Promise<PackageFileRow> {
    if (file.upstream_url === null || (await this.ctx.blobs.stat(file.sha256))) return file;
    let running = this.fetching.get(file.sha256);
    if (!running) {
      running = this.fetchBytes(file).finally(() => this.fetching.delete(file.sha256));
      this.fetching.set(file.sha256, running);
    }
    return running;
  }

  private async refresh(source: SourceRow, project: string, key: string, force: boolean): Promise<void> {
    const { db, settings } = this.ctx;
    const seen = await db.selectFrom("remote_projects").select("fetched_at").where("source_id", "=", source.id).where("project", "=", project).executeTakeFirst();
    const now = this.ctx.now();
    if (!force && seen && now.getTime() - seen.fetched_at.getTime() < settings.upstream.indexTtlSeconds * 1000) {
      this.fresh.set(key, seen.fetched_at.getTime());
      return;
    }
    let files: Awaited<ReturnType<typeof fetchPythonProject>>;
    try {
      files = await fetchPythonProject(source.upstream_url ?? "", project, settings.upstream, this.tokenOf(source));
    } catch (err) {
      // Cached projects keep being served while the upstream is down, slow or sends garbage (a sync reports it).
      if (seen && !force) return;
      throw err;
    }
    const added = await db.transaction().execute(async (tx) => {
      let count = 0;
      for (const f of files ?? []) {
        const inserted = await tx
          .insertInto("package_files")
          .values({
            id: newId("file"),
            source_id: source.id,
            filename: f.filename,
            project,
            name: f.name,
            version: f.version,
            kind: f.kind,
            sha256: f.sha256,
            md5: "",
            size: f.size ?? 0,
            subdir: null,
            bioc_version: null,
            metadata: JSON.stringify(f.requiresPython ? { requiresPython: f.requiresPython } : {}),
            uploaded_by: "upstream",
            published_at: now,
            yanked_reason: f.yanked,
            upstream_url: f.url,
          })
          .onConflict((oc) => oc.columns(["source_id", "filename"]).doNothing())
          .executeTakeFirst();
        count += Number(inserted.numInsertedOrUpdatedRows ?? 0);
      }
      await tx
        .insertInto("remote_projects")
        .values({ source_id: source.id, project, fetched_at: now })
        .onConflict((oc) => oc.columns(["source_id", "project"]).doUpdateSet({ fetched_at: now }))
        .execute();
      if (count > 0) await recordChange(tx, { kind: "package", sourceId: source.id, project });
      return count;
    });
    this.fresh.set(key, now.getTime());
    if (added > 0) this.ctx.bus.publish({ kind: "package", sourceId: source.id, project });
  }

  private async fetchBytes(file: PackageFileRow): Promise<PackageFileRow> {
    const { ctx } = this;
    const source = await ctx.db.selectFrom("sources").selectAll().where("id", "=", file.source_id).executeTakeFirstOrThrow();
    const { url, response } = await getUpstream(file.upstream_url ?? "", {
      allowPrivate: ctx.settings.upstream.allowPrivate,
      timeoutMs: ctx.settings.upstream.timeoutSeconds * 1000,
      token: this.tokenOf(source),
    });
    const staged = await ctx.blobs.stage(response, { maxBytes: ctx.settings.maxUploadBytes });
    try {
      if (staged.sha256 !== file.sha256) {
        throw upstreamFailed(url.host, `sent ${file.filename} with sha256 ${staged.sha256}, but its index says ${file.sha256}: nothing was cached`);
      }
      await ctx.blobs.commit(staged);
    } finally {
      await ctx.blobs.discard(staged);
    }
    await ctx.db.updateTable("package_files").set({ size: staged.size, md5: staged.md5 }).where("id", "=", file.id).execute();
    return { ...file, size: staged.size, md5: staged.md5 };
  }

  private tokenOf(source: SourceRow): string | undefined {
    return source.upstream_token_env ? this.ctx.settings.upstream.secret(source.upstream_token_env) : undefined;
  }
}

import type { DomainContext } from "../context.js";
import type { PackageFileRow, SourceRow } from "../db/index.js";
import { fetchVerifiedBytes } from "./fetch-bytes.js";
import { type RefreshPlan, indexPlan, pythonProjectPlan, upstreamTokenOf } from "./index-plans.js";
import type { IndexValidators } from "./index-download.js";
import type { MirrorIndex } from "./mirror-index.js";
import { recordMirroredFiles } from "./record-mirrored.js";

/**
 * Pull-through mirroring of remote sources: an upstream index (a python
 * project's page, a CRAN-like PACKAGES, a Bioconductor section, a conda
 * subdir's repodata) is read when first asked for and again once it is older
 * than the index TTL; new upstream files are recorded as rows (published_at =
 * first seen, so dated snapshots of a mirror stay reproducible); bytes are
 * fetched on first download, verified against the upstream's digests and
 * stored like uploads. Concurrent first requests share one upstream fetch.
 * When the upstream fails, what was seen before keeps being served (and the
 * upstream is not asked again before the TTL); what never was gets a 502/504.
 * Cleared by: nothing — `fresh` holds only when each index was last read (per node).
 */
export class RemoteMirror {
  private readonly fresh = new Map<string, number>();
  private readonly refreshing = new Map<string, Promise<void>>();
  private readonly fetching = new Map<string, Promise<PackageFileRow>>();
  /** ETag/Last-Modified of each aggregate index read, for conditional refreshes. Cleared by: a refresh that fails to record. */
  private readonly validators = new Map<string, IndexValidators>();

  constructor(private readonly ctx: DomainContext) {}

  /** Brings a python source's view of one project up to date (at most once per TTL, unless `force`). */
  refreshProject(source: SourceRow, project: string, force = false): Promise<void> {
    if (source.kind !== "python") return Promise.resolve();
    return this.refreshPlan(source, pythonProjectPlan(this.ctx, source, project), force);
  }

  /** Whether a python source read this project within the TTL (on this node): asking again now would be a no-op. */
  isProjectFresh(source: SourceRow, project: string): boolean {
    const seenAt = this.fresh.get(`${source.id}\u0000${project}`);
    return seenAt !== undefined && this.ctx.now().getTime() - seenAt < this.ttlMs();
  }

  /** Brings a source's copy of an aggregate index up to date; a source that does not serve that index is left alone. */
  refreshIndex(source: SourceRow, index: MirrorIndex, force = false): Promise<void> {
    const plan = indexPlan(this.ctx, source, index, this.validators);
    return plan ? this.refreshPlan(source, plan, force) : Promise.resolve();
  }

  /** The file with its bytes stored: fetched once from the upstream and verified when they are not (`source`: its source, when the caller has it). */
  async ensureBytes(file: PackageFileRow, source?: SourceRow): Promise<PackageFileRow> {
    if (file.upstream_url === null || (file.sha256 !== "" && (await this.ctx.blobs.stat(file.sha256)))) return file;
    // A file whose sha256 is not known yet (CRAN gives MD5 only) is deduplicated by its row.
    const key = file.sha256 || file.id;
    let running = this.fetching.get(key);
    if (!running) {
      running = this.fetchBytes(file, source).finally(() => this.fetching.delete(key));
      this.fetching.set(key, running);
    }
    return running;
  }

  private async fetchBytes(file: PackageFileRow, known: SourceRow | undefined): Promise<PackageFileRow> {
    const source = known?.id === file.source_id ? known : await this.ctx.db.selectFrom("sources").selectAll().where("id", "=", file.source_id).executeTakeFirstOrThrow();
    return fetchVerifiedBytes(this.ctx, file, upstreamTokenOf(this.ctx, source));
  }

  private refreshPlan(source: SourceRow, plan: RefreshPlan, force: boolean): Promise<void> {
    const memo = `${source.id}\u0000${plan.key}`;
    const seenAt = this.fresh.get(memo);
    if (!force && seenAt !== undefined && this.ctx.now().getTime() - seenAt < this.ttlMs()) return Promise.resolve();
    let running = this.refreshing.get(memo);
    if (!running) {
      running = this.refresh(source, plan, memo, force).finally(() => this.refreshing.delete(memo));
      this.refreshing.set(memo, running);
    }
    return running;
  }

  private async refresh(source: SourceRow, plan: RefreshPlan, memo: string, force: boolean): Promise<void> {
    const { db } = this.ctx;
    const seen = await db.selectFrom("remote_projects").select("fetched_at").where("source_id", "=", source.id).where("project", "=", plan.key).executeTakeFirst();
    const now = this.ctx.now();
    if (!force && seen && now.getTime() - seen.fetched_at.getTime() < this.ttlMs()) {
      this.fresh.set(memo, seen.fetched_at.getTime());
      return;
    }
    let files: Awaited<ReturnType<RefreshPlan["fetch"]>>;
    try {
      files = await plan.fetch();
    } catch (err) {
      // Cached indexes keep being served while the upstream is down, slow or sends garbage (a sync reports it);
      // it is asked again after the TTL, not on every request.
      if (seen && !force) {
        this.fresh.set(memo, now.getTime());
        return;
      }
      throw err;
    }
    try {
      await recordMirroredFiles(this.ctx, source, plan.key, files, now);
    } catch (err) {
      // The validators were taken for an index whose rows are not recorded: the next read must be a full one.
      this.validators.clear();
      throw err;
    }
    this.fresh.set(memo, now.getTime());
  }

  private ttlMs(): number {
    return this.ctx.settings.upstream.indexTtlSeconds * 1000;
  }
}

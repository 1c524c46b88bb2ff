import type { Kysely } from "kysely";
import type { AccessDecision } from "../access/access-decision.js";
import type { Visibility } from "../access/private-visibility.js";
import type { BlocklistMatcher } from "../blocklist/blocklist-matcher.js";
import type { BlockRule } from "../blocklist/blocklist-types.js";
import type { Database, PackageFileRow, RepoRow, SourceRow } from "../db/index.js";
import type { MirrorIndex, RemoteMirror } from "../remote/index.js";
import { type FileLookup, ecosystemOf } from "./file-lookup.js";
import { type CatalogFilter, type RepoView, firstSourceWins, selectSnapshotFiles } from "./snapshot-files.js";

const ABSENT: FileLookup = { kind: "absent" };

/**
 * One viewer's read of one repo, made by `Catalog.reader` after read access was
 * checked. Every rule of what a viewer sees is applied here and only here:
 * snapshot date and labels (in the query), private packages and grants,
 * first source wins, the blocklist. Protocols render what it returns.
 */
export class RepoReader {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly view: RepoView,
    private readonly visibility: Visibility,
    private readonly blocklist: BlocklistMatcher,
    private readonly mirror: RemoteMirror,
    /** Why this viewer may read the repo (public, a scope, or a group grant). */
    readonly access: AccessDecision,
    /** The catalog's `generation` when this read began: every change up to it is reflected. */
    readonly generation = 0,
  ) {}

  /** The repo being read. */
  get repo(): RepoRow {
    return this.view.repo;
  }

  /** Its sources, first (winning) first. */
  get sources(): readonly SourceRow[] {
    return this.view.sources;
  }

  /**
   * The part of a rendered page's cache key that depends on the viewer: "" for
   * the public view, else a stable key of the private packages this viewer sees.
   */
  get viewerKey(): string {
    return this.visibility.key;
  }

  /** Files the viewer sees at `at` (null: now), narrowed by `filter`. */
  async files(at: Date | null, filter: CatalogFilter = {}): Promise<PackageFileRow[]> {
    return this.keepVisible(await this.sharedFiles(at, filter), (f) => f.project);
  }

  /**
   * Files as every viewer sees them before privacy (first source wins, the
   * blocklist): for index state shared between viewers, which must then pass
   * through `keepVisible` before it is shown to one.
   */
  async sharedFiles(at: Date | null, filter: CatalogFilter = {}): Promise<PackageFileRow[]> {
    const rows = firstSourceWins(this.withoutShadowedUpstream(await selectSnapshotFiles(this.db, this.view, at, filter)), this.sourceIds());
    return this.blocklist.isEmpty ? rows : rows.filter((r) => this.blockOf(r) === undefined);
  }

  /**
   * Brings the repo's mirrors (remote sources) up to date for one project
   * before its pages are rendered or served from cache: at most one upstream
   * read per TTL, shared by concurrent requests. A project a local source
   * holds is never asked of an upstream (its name does not leave the server).
   */
  async refreshMirrors(project: string, at: Date | null): Promise<void> {
    const remotes = this.view.sources.filter((s) => s.type === "remote");
    // A past date shows what the mirror had seen then: nothing to fetch for it.
    if (remotes.length === 0 || (at !== null && at.getTime() < Date.now())) return;
    const locals = this.view.sources.filter((s) => s.type !== "remote").map((s) => s.id);
    if (locals.length > 0) {
      const local = await this.db
        .selectFrom("package_files")
        .select("id")
        .where("source_id", "in", locals)
        .where("project", "=", project)
        .where("removed_at", "is", null)
        .limit(1)
        .executeTakeFirst();
      if (local) return;
    }
    await Promise.all(remotes.map((s) => this.mirror.refreshProject(s, project)));
  }

  /**
   * Whether `refreshMirrors(project, null)` would ask no upstream now (every
   * remote source read the project within the TTL): a cached page may then be
   * served without going through it. Synchronous, for the server's fast path.
   */
  mirrorsFresh(project: string): boolean {
    return this.view.sources.every((s) => s.type !== "remote" || this.mirror.isProjectFresh(s, project));
  }

  /**
   * Brings the repo's mirrors up to date for one aggregate index (a CRAN-like
   * PACKAGES, a Bioconductor section, a conda subdir) before it is rendered or
   * a file of it is served: the upstream's whole index is recorded as rows, at
   * most once per TTL, shared by concurrent requests. Dependency confusion is
   * handled when reading (a local name hides the upstream's versions).
   */
  async refreshMirrorIndex(index: MirrorIndex, at: Date | null): Promise<void> {
    const remotes = this.view.sources.filter((s) => s.type === "remote");
    if (remotes.length === 0 || (at !== null && at.getTime() < Date.now())) return;
    await Promise.all(remotes.map((s) => this.mirror.refreshIndex(s, index)));
  }

  /** Keeps the items whose package this viewer may see. */
  keepVisible<T>(items: readonly T[], projectOf: (item: T) => string): T[] {
    const hidden = this.visibility.hidden;
    return hidden.size === 0 ? [...items] : items.filter((item) => !hidden.has(projectOf(item)));
  }

  /** Whether the viewer may see this package at all (private packages: owner, granted groups, managers). */
  sees(project: string): boolean {
    return !this.visibility.hidden.has(project);
  }

  /**
   * One file for a direct request (download, PEP 658 metadata): absent when
   * the viewer may not see it or another source wins its version, blocked
   * (with the rule's reason) when a blocklist rule matches.
   */
  async find(at: Date | null, filter: CatalogFilter): Promise<FileLookup> {
    const rows = await selectSnapshotFiles(this.db, this.view, at, filter);
    const [row] = firstSourceWins(rows, this.sourceIds());
    if (!row || !this.sees(row.project)) return ABSENT;
    if (this.view.sources.length > 1) {
      const rivals = await selectSnapshotFiles(this.db, this.view, at, { project: row.project });
      if (!firstSourceWins(rivals, this.sourceIds()).some((w) => w.id === row.id)) return ABSENT;
    }
    if (this.isShadowedUpstream(row) && (await this.hasLocal(at, row.project))) return ABSENT;
    const rule = this.blockOf(row);
    if (rule) return { kind: "blocked", file: row, reason: rule.reason, ruleId: rule.id };
    return { kind: "file", file: await this.mirror.ensureBytes(row, this.view.sources.find((s) => s.id === row.source_id)) };
  }

  /**
   * Dependency-confusion defence: a project name present in a local source
   * hides every version of that name from the repo's remote sources.
   */
  private withoutShadowedUpstream(rows: PackageFileRow[]): PackageFileRow[] {
    const remote = this.remoteSourceIds();
    if (remote.size === 0 || remote.size === this.view.sources.length) return rows;
    const local = new Set(rows.filter((r) => !remote.has(r.source_id)).map((r) => r.project));
    return local.size === 0 ? rows : rows.filter((r) => !remote.has(r.source_id) || !local.has(r.project));
  }

  private isShadowedUpstream(row: PackageFileRow): boolean {
    const remote = this.remoteSourceIds();
    return remote.has(row.source_id) && remote.size < this.view.sources.length;
  }

  private async hasLocal(at: Date | null, project: string): Promise<boolean> {
    const remote = this.remoteSourceIds();
    return (await selectSnapshotFiles(this.db, this.view, at, { project })).some((r) => !remote.has(r.source_id));
  }

  private remoteSourceIds(): Set<string> {
    return new Set(this.view.sources.filter((s) => s.type === "remote").map((s) => s.id));
  }

  private blockOf(row: PackageFileRow): BlockRule | undefined {
    return this.blocklist.match(this.view.repo.id, ecosystemOf(row), row.project, row.version);
  }

  private sourceIds(): string[] {
    return this.view.sources.map((s) => s.id);
  }
}

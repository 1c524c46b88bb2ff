import { requireRepoRead } from "../access/repo-permissions.js";
import { VisibilityResolver } from "../access/private-visibility.js";
import type { Actor } from "../auth/index.js";
import type { DomainContext } from "../context.js";
import { DomainError } from "../errors/index.js";
import { foldPackageName } from "../metadata/note-input.js";
import { BlocklistState } from "./blocklist-state.js";
import { RemoteMirror, type SyncProjectResult, listUpstreamProjects, requireRemoteSource, syncRemoteProject } from "../remote/index.js";
import { RepoDirectory } from "./repo-directory.js";
import { RepoReader } from "./repo-reader.js";
import type { RepoView } from "./snapshot-files.js";

/** A package of a repo as a viewer sees it now. */
export interface VisiblePackage {
  project: string;
  name: string;
  /** Versions served, in publication order. */
  versions: string[];
}

/**
 * The catalog read model: the one way protocols, the JSON API and the console
 * read packages. `reader()` decides, once per request, whether a viewer may
 * read a repo and what they may see in it; everything that reads files goes
 * through the reader it returns.
 *
 * @example
 * const reader = await domain.catalog.reader(actor, "pypi");
 * const files = await reader.files(null, { project: "numpy" });
 */
export class Catalog {
  private readonly directory: RepoDirectory;
  private readonly privacy: VisibilityResolver;
  private readonly blocklist: BlocklistState;
  private readonly mirror: RemoteMirror;
  private changesSeen = 0;
  private readonly unsubscribe: () => void;

  constructor(private readonly ctx: DomainContext) {
    // Subscribed before any cache of the app, so a listener reading `generation` sees its change counted.
    this.unsubscribe = ctx.bus.subscribe((change) => {
      // Tokens change no view of a repo.
      if (change.kind !== "token") this.changesSeen += 1;
    });
    this.mirror = new RemoteMirror(ctx);
    this.directory = new RepoDirectory(ctx);
    this.privacy = new VisibilityResolver(ctx);
    this.blocklist = new BlocklistState(ctx);
  }

  /**
   * How many changes this process has seen: a reader made at generation g reflects every change up to
   * g (its repo, privacy and blocklist were read after), so incremental index state updated by a later
   * change must not be cached from what it shows.
   */
  get generation(): number {
    return this.changesSeen;
  }

  /**
   * A reader of the repo for this viewer. Throws UNAUTHENTICATED for an
   * anonymous caller of an authenticated repo — and of an unknown one, so
   * private repo names cannot be probed — FORBIDDEN for a token that may not
   * read it, NOT_FOUND for a token naming no repo.
   */
  async reader(actor: Actor, repoName: string): Promise<RepoReader> {
    const generation = this.changesSeen;
    const view = await this.directory.get(repoName);
    if (!view) {
      if (actor.kind === "anonymous") throw new DomainError("UNAUTHENTICATED", `repo '${repoName}' requires authentication: present a token (netrc, URL or Authorization header)`);
      throw new DomainError("NOT_FOUND", `no repo named '${repoName}'; list them with \`gatehouse list repos\``, "repo");
    }
    const access = await requireRepoRead(this.ctx, actor, view.repo);
    const [visibility, blocklist] = await Promise.all([this.privacy.forViewer(actor, view), this.blocklist.current()]);
    return new RepoReader(this.ctx.db, view, visibility, blocklist, this.mirror, access, generation);
  }

  /** The repo and its sources with no read check, or undefined: for uploads, which check write access themselves. */
  repo(repoName: string): Promise<RepoView | undefined> {
    return this.directory.get(repoName);
  }

  /**
   * Packages a repo serves to this viewer now, exactly as its indexes list
   * them (private packages they may not see and blocked versions are absent).
   *
   * @example const packages = await domain.catalog.listPackages(actor, "pypi");
   */
  async listPackages(actor: Actor, repoName: string): Promise<VisiblePackage[]> {
    const files = await (await this.reader(actor, repoName)).files(null);
    const byProject = new Map<string, VisiblePackage>();
    const ordered = [...files].sort((a, b) => a.published_at.getTime() - b.published_at.getTime());
    for (const f of ordered) {
      const entry = byProject.get(f.project) ?? { project: f.project, name: f.name, versions: [] };
      if (!entry.versions.includes(f.version)) entry.versions.push(f.version);
      byProject.set(f.project, entry);
    }
    return [...byProject.values()].sort((a, b) => a.project.localeCompare(b.project));
  }

  /**
   * Whether the viewer may see a package of the repo, by its folded name (as
   * package notes are keyed): for listings outside the protocols, such as
   * metadata, that must hide private packages exactly as the indexes do.
   * No read check; an unknown repo hides nothing (callers refuse it themselves).
   */
  async packageFilter(actor: Actor, repoName: string): Promise<(foldedName: string) => boolean> {
    const view = await this.directory.get(repoName);
    if (!view) return () => true;
    const { hidden } = await this.privacy.forViewer(actor, view);
    if (hidden.size === 0) return () => true;
    const folded = new Set([...hidden].map(foldPackageName));
    return (name) => !folded.has(name);
  }

  /**
   * Mirrors one project of a remote source now (`gatehouse sync`): needs
   * `repos:manage`; reads the upstream page and fetches every file not stored yet.
   */
  async syncProject(actor: Actor, sourceName: string, project: string, options: { dryRun?: boolean } = {}): Promise<SyncProjectResult> {
    const source = await requireRemoteSource(this.ctx, actor, sourceName);
    return syncRemoteProject(this.ctx, this.mirror, source, project, options.dryRun ?? false);
  }

  /** The projects a remote source's upstream lists (for `gatehouse sync --all`; R and conda indexes are mirrored on the way); needs `repos:manage`. */
  async upstreamProjects(actor: Actor, sourceName: string): Promise<string[]> {
    return listUpstreamProjects(this.ctx, this.mirror, await requireRemoteSource(this.ctx, actor, sourceName));
  }

  /** Stops listening for changes (a server keeps one catalog for its lifetime). */
  close(): void {
    this.unsubscribe();
    this.directory.close();
    this.privacy.close();
    this.blocklist.close();
  }
}

import type { Domain } from "@gatehouse/domain";
import type { CachedPage } from "./cached-page.js";

/** The pages of one repo, and which keys depend on which project ("*" = every project). */
interface RepoPages {
  sourceIds: Set<string>;
  pages: Map<string, Promise<CachedPage>>;
  keysByTag: Map<string, Set<string>>;
}

const MAX_PAGES_PER_REPO = 500_000;

/** Whose pages these are: a repo and the sources it serves (a catalog reader is one). */
export interface PageOwner {
  repo: { id: string };
  sources: readonly { id: string }[];
}

/**
 * Rendered index pages, rendered once per change and served from memory.
 * Publishing into a source drops only that project's pages and the aggregate
 * ones ("*": dated snapshots' root lists, PACKAGES and repodata, channeldata)
 * of repos that subscribe to it. The `latest` aggregate indexes are not kept
 * here: AggregateIndexes maintains them incrementally (aggregate/).
 * Cleared by: a `package` change (that project's pages and the aggregate pages
 * of repos serving its source); any other change but `token` (everything).
 */
export class IndexCache {
  private readonly repos = new Map<string, RepoPages>();

  constructor(domain: Domain) {
    domain.bus.subscribe((change) => {
      if (change.kind === "package" && change.sourceId) this.dropProject(change.sourceId, change.project ?? null);
      else if (change.kind !== "token") this.repos.clear();
    });
  }

  /**
   * The page for key in repo, rendering it with `render` on a miss.
   * `tag` names the project the page depends on, or "*" for aggregate pages.
   */
  get(owner: PageOwner, key: string, tag: string, render: () => Promise<CachedPage>): Promise<CachedPage> {
    const repo = owner.repo;
    let entry = this.repos.get(repo.id);
    if (!entry) {
      entry = { sourceIds: new Set(owner.sources.map((s) => s.id)), pages: new Map(), keysByTag: new Map() };
      this.repos.set(repo.id, entry);
    }
    const hit = entry.pages.get(key);
    if (hit) return hit;
    if (entry.pages.size >= MAX_PAGES_PER_REPO) {
      entry.pages.clear();
      entry.keysByTag.clear();
    }
    const page = render();
    const e = entry;
    e.pages.set(key, page);
    let keys = e.keysByTag.get(tag);
    if (!keys) {
      keys = new Set();
      e.keysByTag.set(tag, keys);
    }
    keys.add(key);
    page.catch(() => e.pages.delete(key));
    return page;
  }

  /**
   * The page for key in repo if one is cached or being rendered, without rendering on a miss:
   * for the server's fast path, which hands every miss to the routes.
   */
  peek(repoId: string, key: string): Promise<CachedPage> | undefined {
    return this.repos.get(repoId)?.pages.get(key);
  }

  private dropProject(sourceId: string, project: string | null): void {
    for (const entry of this.repos.values()) {
      if (!entry.sourceIds.has(sourceId)) continue;
      if (project === null) {
        entry.pages.clear();
        entry.keysByTag.clear();
        continue;
      }
      for (const tag of [project, "*"]) {
        for (const key of entry.keysByTag.get(tag) ?? []) entry.pages.delete(key);
        entry.keysByTag.delete(tag);
      }
    }
  }
}

import { type Domain, type RepoView, loadRepoView } from "@gatehouse/domain";

/**
 * Repos and their subscriptions, kept in memory: every protocol request needs
 * them (type, authenticated flag, sources) and they change rarely. Any repo
 * change empties the map; the next request reloads what it needs.
 */
export class RepoDirectory {
  private readonly views = new Map<string, Promise<RepoView | undefined>>();

  constructor(private readonly domain: Domain) {
    domain.bus.subscribe((change) => {
      if (change.kind === "repo" || change.kind === "source" || change.kind === "access") this.views.clear();
    });
  }

  /** The repo named so, or undefined. */
  get(name: string): Promise<RepoView | undefined> {
    let view = this.views.get(name);
    if (!view) {
      view = loadRepoView(this.domain.db, name);
      this.views.set(name, view);
      view.catch(() => this.views.delete(name));
    }
    return view;
  }
}

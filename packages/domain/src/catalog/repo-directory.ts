import type { DomainContext } from "../context.js";
import { type RepoView, loadRepoView } from "./snapshot-files.js";

/**
 * Repos and their subscriptions, kept in memory: every read needs them (type,
 * authenticated flag, sources) and they change rarely.
 * Cleared by: any `repo`, `source` or `access` change (the whole map; the next request reloads what it needs).
 */
export class RepoDirectory {
  private readonly views = new Map<string, Promise<RepoView | undefined>>();
  private readonly unsubscribe: () => void;

  constructor(private readonly ctx: DomainContext) {
    this.unsubscribe = ctx.bus.subscribe((change) => {
      if (change.kind === "repo" || change.kind === "source" || change.kind === "access") this.views.clear();
    });
  }

  /** The repo named so with its sources, or undefined. */
  get(name: string): Promise<RepoView | undefined> {
    let view = this.views.get(name);
    if (!view) {
      view = loadRepoView(this.ctx.db, name);
      this.views.set(name, view);
      const loading = view;
      loading.catch(() => {
        if (this.views.get(name) === loading) this.views.delete(name);
      });
    }
    return view;
  }

  /** Stops listening for changes. */
  close(): void {
    this.unsubscribe();
    this.views.clear();
  }
}

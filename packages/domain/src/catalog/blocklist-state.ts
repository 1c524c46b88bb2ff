import type { DomainContext } from "../context.js";
import { BlocklistMatcher, loadActiveBlockRules } from "../blocklist/blocklist-matcher.js";

/**
 * The active blocklist rules, compiled once into a matcher and kept in memory.
 * Cleared by: any `blocklist` change (rules created or deleted, here or on another node).
 */
export class BlocklistState {
  private matcher: Promise<BlocklistMatcher> | null = null;
  private readonly unsubscribe: () => void;

  constructor(private readonly ctx: DomainContext) {
    this.unsubscribe = ctx.bus.subscribe((change) => {
      if (change.kind === "blocklist") this.matcher = null;
    });
  }

  /** The matcher for the rules in force now. */
  current(): Promise<BlocklistMatcher> {
    if (this.matcher !== null) return this.matcher;
    const loading = loadActiveBlockRules(this.ctx.db).then((rules) => new BlocklistMatcher(rules));
    this.matcher = loading;
    loading.catch(() => {
      if (this.matcher === loading) this.matcher = null;
    });
    return loading;
  }

  /** Stops listening for changes. */
  close(): void {
    this.unsubscribe();
  }
}

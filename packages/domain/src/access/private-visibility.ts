import { createHash } from "node:crypto";
import { type Actor, can, userIdOf } from "../auth/index.js";
import type { DomainContext } from "../context.js";
import type { RepoView } from "../catalog/snapshot-files.js";
import { grantsOfUser } from "./grant-lookup.js";

/** What one viewer may not see in a repo: private projects they have no access to. */
export interface Visibility {
  /** Projects to leave out of indexes and to answer 404 for. */
  hidden: ReadonlySet<string>;
  /**
   * Distinguishes cached pages: "" for the public view (every private project
   * hidden), else a stable key of the private projects this viewer sees.
   */
  key: string;
}

const PUBLIC: Visibility = { hidden: new Set(), key: "" };
const LONG_KEY = 120;

/** The private projects of one repo, with the two views every request of it shares. */
interface RepoPrivates {
  /** Owner user ids of each private project (one project may be private in several sources). */
  owners: Map<string, Set<string>>;
  /** What anonymous callers and users without grants get. */
  none: Visibility;
  /** What managers get: everything. */
  all: Visibility;
}

function keyOf(visible: readonly string[]): string {
  const joined = [...visible].sort().join(",");
  // Cache keys stay short even when a viewer sees many private projects.
  return joined.length > LONG_KEY ? `h:${createHash("sha256").update(joined).digest("hex").slice(0, 24)}` : joined;
}

/**
 * Decides which private packages a viewer sees: the owner, members of groups
 * granted on the package or its repo, and managers (`groups:manage`). The
 * private projects of each repo and the grants of each user are kept in memory
 * (any package, repo or access change clears them), so repos without private
 * packages cost nothing per request and the others cost a few lookups.
 * Cleared by: any `access`, `repo`, `source` or `package` change (the private projects of every repo).
 */
export class VisibilityResolver {
  private readonly privateByRepo = new Map<string, Promise<RepoPrivates>>();
  private readonly unsubscribe: () => void;

  constructor(private readonly ctx: DomainContext) {
    this.unsubscribe = ctx.bus.subscribe((change) => {
      if (change.kind === "access" || change.kind === "repo" || change.kind === "source" || change.kind === "package") this.privateByRepo.clear();
    });
  }

  /** What the actor may not see in the repo. */
  async forViewer(actor: Actor, view: RepoView): Promise<Visibility> {
    const privates = await this.privatesOf(view);
    if (privates.owners.size === 0) return PUBLIC;
    if (can(actor, "groups:manage")) return privates.all;
    const userId = userIdOf(actor);
    if (userId === null) return privates.none;
    const visible = await this.visibleTo(userId, view.repo.id, privates.owners);
    if (visible.length === 0) return privates.none;
    const seen = new Set(visible);
    return { hidden: new Set([...privates.owners.keys()].filter((p) => !seen.has(p))), key: keyOf(visible) };
  }

  /** Stops listening for changes (servers keep one resolver for their lifetime). */
  close(): void {
    this.unsubscribe();
  }

  private privatesOf(view: RepoView): Promise<RepoPrivates> {
    let p = this.privateByRepo.get(view.repo.id);
    if (!p) {
      p = this.loadPrivates(view);
      this.privateByRepo.set(view.repo.id, p);
      const loading = p;
      loading.catch(() => {
        if (this.privateByRepo.get(view.repo.id) === loading) this.privateByRepo.delete(view.repo.id);
      });
    }
    return p;
  }

  private async loadPrivates(view: RepoView): Promise<RepoPrivates> {
    const ids = view.sources.map((s) => s.id);
    const rows =
      ids.length === 0
        ? []
        : await this.ctx.db.selectFrom("packages").select(["project", "owner_id"]).where("source_id", "in", ids).where("private", "=", true).execute();
    const owners = new Map<string, Set<string>>();
    for (const r of rows) {
      const set = owners.get(r.project) ?? new Set<string>();
      if (r.owner_id !== null) set.add(r.owner_id);
      owners.set(r.project, set);
    }
    const projects = [...owners.keys()];
    return { owners, none: { hidden: new Set(projects), key: "" }, all: { hidden: new Set(), key: keyOf(projects) } };
  }

  /** Private projects the user owns or reaches through a group grant (on the repo or on the package). */
  private async visibleTo(userId: string, repoId: string, owners: Map<string, Set<string>>): Promise<string[]> {
    const out = new Set<string>();
    for (const [project, ids] of owners) if (ids.has(userId)) out.add(project);
    for (const g of await grantsOfUser(this.ctx, userId)) {
      if (g.repoId !== repoId) continue;
      if (g.package === null) return [...owners.keys()];
      if (owners.has(g.package)) out.add(g.package);
    }
    return [...out];
  }
}

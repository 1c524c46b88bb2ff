import { type Actor, can } from "../auth/index.js";
import type { DomainContext } from "../context.js";
import type { RepoView } from "../files/repo-view.js";

/** What one viewer may not see in a repo: private projects they have no access to. */
export interface Visibility {
  /** Projects to leave out of indexes and to answer 404 for. */
  hidden: ReadonlySet<string>;
  /** Distinguishes cached pages: "" for the public view, else a stable key of what this viewer additionally sees. */
  key: string;
}

const PUBLIC: Visibility = { hidden: new Set(), key: "" };

/**
 * Decides which private packages a viewer sees. The set of private projects of
 * each repo is kept in memory (any package or access change clears it), so
 * repos without private packages cost nothing per request.
 */
export class VisibilityResolver {
  private readonly privateByRepo = new Map<string, Promise<Map<string, string | null>>>();

  constructor(private readonly ctx: DomainContext) {
    ctx.bus.subscribe((change) => {
      if (change.kind === "access" || change.kind === "repo" || change.kind === "package") this.privateByRepo.clear();
    });
  }

  /** Private projects of a repo's sources, with their owners' user ids. */
  private privateProjects(view: RepoView): Promise<Map<string, string | null>> {
    let p = this.privateByRepo.get(view.repo.id);
    if (!p) {
      const ids = view.sources.map((s) => s.id);
      p = (async () => {
        if (ids.length === 0) return new Map();
        const rows = await this.ctx.db
          .selectFrom("packages")
          .select(["project", "owner_id"])
          .where("source_id", "in", ids)
          .where("private", "=", true)
          .execute();
        return new Map(rows.map((r) => [r.project, r.owner_id]));
      })();
      this.privateByRepo.set(view.repo.id, p);
    }
    return p;
  }

  /** What the actor may not see in the repo. */
  async forViewer(actor: Actor, view: RepoView): Promise<Visibility> {
    const privates = await this.privateProjects(view);
    if (privates.size === 0 || can(actor, "groups:manage")) return PUBLIC;
    const userId = actor.kind === "token" ? actor.userId : null;
    const visible = userId ? await this.grantedProjects(userId, view, privates) : new Set<string>();
    const hidden = new Set([...privates.keys()].filter((p) => !visible.has(p)));
    return { hidden, key: visible.size ? [...visible].sort().join(",") : "" };
  }

  /** Private projects the user owns or reaches through a group grant (on the repo or on the package). */
  private async grantedProjects(userId: string, view: RepoView, privates: Map<string, string | null>): Promise<Set<string>> {
    const out = new Set<string>();
    for (const [project, owner] of privates) if (owner === userId) out.add(project);
    const grants = await this.ctx.db
      .selectFrom("group_grants")
      .innerJoin("group_members", "group_members.group_id", "group_grants.group_id")
      .select(["group_grants.package"])
      .where("group_members.user_id", "=", userId)
      .where("group_grants.repo_id", "=", view.repo.id)
      .execute();
    for (const g of grants) {
      if (g.package === null) for (const p of privates.keys()) out.add(p);
      else if (privates.has(g.package)) out.add(g.package);
    }
    return out;
  }
}

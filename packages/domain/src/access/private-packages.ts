import type { Kysely } from "kysely";
import { type Actor, can, userIdOf } from "../auth/index.js";
import type { DomainContext } from "../context.js";
import type { Database, Permission, SourceRow } from "../db/index.js";
import { DomainError } from "../errors/index.js";
import { selectReposOfSource } from "../repos/repo-queries.js";
import { RANK, grantsOfUser } from "./grant-lookup.js";

// Uploads and source listings work per source, not per repo: a private package of a source is
// reached through grants on any repo serving that source (the read path's rule, seen from the source).

/** Owner user id of each private project of a source (of `projects` only, when given). */
async function privateOwners(db: Kysely<Database>, sourceId: string, projects?: readonly string[]): Promise<Map<string, string | null>> {
  if (projects?.length === 0) return new Map();
  let q = db.selectFrom("packages").select(["project", "owner_id"]).where("source_id", "=", sourceId).where("private", "=", true);
  if (projects) q = q.where("project", "in", [...new Set(projects)]);
  return new Map((await q.execute()).map((r) => [r.project, r.owner_id]));
}

/**
 * Of the private projects, those the actor may reach with at least `needed`: managers reach all,
 * owners their own, members of a group granted on a repo serving the source (whole repo or the package).
 */
async function reachable(ctx: DomainContext, actor: Actor, sourceId: string, owners: Map<string, string | null>, needed: Permission): Promise<Set<string>> {
  if (owners.size === 0 || can(actor, "groups:manage")) return new Set(owners.keys());
  const userId = userIdOf(actor);
  if (userId === null) return new Set();
  const out = new Set([...owners].filter(([, owner]) => owner === userId).map(([project]) => project));
  if (out.size === owners.size) return out;
  const repoIds = await selectReposOfSource(ctx.db, sourceId);
  for (const g of await grantsOfUser(ctx, userId)) {
    if (!repoIds.includes(g.repoId) || RANK[g.permission] < RANK[needed]) continue;
    if (g.package === null) return new Set(owners.keys());
    if (owners.has(g.package)) out.add(g.package);
  }
  return out;
}

/**
 * The one refusal for publishing under a name the actor may not use, whether the name is a private
 * package of someone else or not: it says nothing about the package's files.
 */
export function nameNotYours(project: string, source: string): DomainError {
  return new DomainError(
    "FORBIDDEN",
    `this token may not publish '${project}' to source '${source}': the name is taken by a package you may not publish to; ask its owner or an admin for a write grant on it`,
    "file",
  );
}

/**
 * Of these projects of the source (all of them when left out), the private ones the actor may not publish to: only the owner,
 * groups granted write or admin on the package (or its whole repo), and managers may.
 *
 * @example if ((await privateProjectsClosedTo(ctx, actor, source, [project])).size > 0) throw nameNotYours(project, source.name)
 */
export async function privateProjectsClosedTo(ctx: DomainContext, actor: Actor, source: Pick<SourceRow, "id">, projects?: readonly string[]): Promise<Set<string>> {
  const owners = await privateOwners(ctx.db, source.id, projects);
  const open = await reachable(ctx, actor, source.id, owners, "write");
  return new Set([...owners.keys()].filter((p) => !open.has(p)));
}

/** Throws nameNotYours unless the actor may publish to the project (any project that is not private is open). */
export async function requirePublishableName(ctx: DomainContext, actor: Actor, source: Pick<SourceRow, "id" | "name">, project: string): Promise<void> {
  if ((await privateProjectsClosedTo(ctx, actor, source, [project])).size > 0) throw nameNotYours(project, source.name);
}

/** Private projects of the source the actor may not see (listings leave them out): visibility's rule, any grant counts. */
export async function privateProjectsHiddenFrom(ctx: DomainContext, actor: Actor, source: Pick<SourceRow, "id">): Promise<Set<string>> {
  const owners = await privateOwners(ctx.db, source.id);
  const seen = await reachable(ctx, actor, source.id, owners, "read");
  return new Set([...owners.keys()].filter((p) => !seen.has(p)));
}

import { recordAudit } from "../audit/index.js";
import { type Actor, describeActor, requireAllowed } from "../auth/index.js";
import { type Change, recordChange } from "../changes/index.js";
import type { DomainContext, RequestMeta } from "../context.js";
import { DomainError } from "../errors/index.js";
import { noSuchRepo, noSuchSource } from "./name-hints.js";
import { findRepoByName, findSourceByName, selectRepoSources } from "./repo-queries.js";
import { toRepoInfo } from "./repo-service.js";
import type { RepoInfo, SourceInfo } from "./repo-types.js";

/** What deleting a repo took with it, and what still names it. */
export interface DeletedRepo {
  name: string;
  /** Sources it no longer serves (they and their files stay). */
  sources: string[];
  /** Group grants on the repo, removed with it. */
  grants: number;
  /** Blocklist rules scoped to the repo, removed with it. */
  blocklistRules: number;
  /** Display forms of live tokens whose --repos list names it: they would read a new repo of that name. */
  tokensNamingIt: string[];
}

function publishAll(ctx: DomainContext, changes: readonly Change[]): void {
  for (const change of changes) ctx.bus.publish(change);
}

/**
 * Stops a repo serving a source (needs `repos:manage`); the source and its files stay.
 *
 * @example await unsubscribe(ctx, actor, { repo: "pypi", source: "internal" })
 */
export async function unsubscribe(ctx: DomainContext, actor: Actor, input: { repo: string; source: string }, meta: RequestMeta = {}): Promise<RepoInfo> {
  requireAllowed(actor, "repos:manage");
  const repo = await findRepoByName(ctx.db, input.repo);
  if (!repo) throw await noSuchRepo(ctx, actor, input.repo, "repo");
  const source = await findSourceByName(ctx.db, input.source);
  if (!source) throw await noSuchSource(ctx, actor, input.source);
  const sources = await ctx.db.transaction().execute(async (tx) => {
    const deleted = await tx.deleteFrom("repo_sources").where("repo_id", "=", repo.id).where("source_id", "=", source.id).executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) {
      const current = (await selectRepoSources(tx, repo.id)).map((s) => s.name);
      throw new DomainError("NOT_FOUND", `repo '${repo.name}' does not subscribe to source '${source.name}' (it serves: ${current.join(", ") || "nothing"})`, "source");
    }
    await recordChange(tx, { kind: "repo" });
    await recordAudit(tx, { actor: describeActor(actor), action: "repo.unsubscribe", target: `repo:${repo.name}`, address: meta.address ?? null, detail: { source: source.name } });
    return selectRepoSources(tx, repo.id);
  });
  ctx.bus.publish({ kind: "repo" });
  return toRepoInfo(repo, sources);
}

/**
 * Deletes a repo (needs `repos:manage`): its subscriptions, group grants and
 * repo-scoped blocklist rules go with it; its sources and their files stay.
 *
 * @example const gone = await deleteRepo(ctx, actor, { name: "scratch" })
 */
export async function deleteRepo(ctx: DomainContext, actor: Actor, input: { name: string }, meta: RequestMeta = {}): Promise<DeletedRepo> {
  requireAllowed(actor, "repos:manage");
  const repo = await findRepoByName(ctx.db, input.name);
  if (!repo) throw await noSuchRepo(ctx, actor, input.name);
  const result = await ctx.db.transaction().execute(async (tx) => {
    const sources = (await selectRepoSources(tx, repo.id)).map((s) => s.name);
    const grants = await tx.deleteFrom("group_grants").where("repo_id", "=", repo.id).executeTakeFirst();
    const rules = await tx.deleteFrom("blocklist_rules").where("repo_id", "=", repo.id).executeTakeFirst();
    await tx.deleteFrom("repo_sources").where("repo_id", "=", repo.id).execute();
    await tx.deleteFrom("repos").where("id", "=", repo.id).execute();
    const live = await tx.selectFrom("tokens").select(["display", "repos"]).where("revoked_at", "is", null).execute();
    const deleted: DeletedRepo = {
      name: repo.name,
      sources,
      grants: Number(grants.numDeletedRows),
      blocklistRules: Number(rules.numDeletedRows),
      tokensNamingIt: live.filter((t) => Array.isArray(t.repos) && t.repos.includes(repo.name)).map((t) => t.display),
    };
    for (const kind of ["repo", "access", "blocklist"] as const) await recordChange(tx, { kind });
    const { tokensNamingIt, ...detail } = deleted;
    await recordAudit(tx, { actor: describeActor(actor), action: "repo.delete", target: `repo:${repo.name}`, address: meta.address ?? null, detail: { ...detail, tokensNamingIt: tokensNamingIt.length } });
    return deleted;
  });
  publishAll(ctx, [{ kind: "repo" }, { kind: "access" }, { kind: "blocklist" }]);
  return result;
}

/**
 * Deletes an empty source (needs `repos:manage`). Refused while a repo
 * subscribes to it (naming the repos), and for a source that ever held a
 * file: its rows, removed ones included, are what keeps a filename from being
 * reused in the source (SPEC §1), and deleting them would let a new source of
 * the same name take the old filenames with different bytes. Such a source is
 * retired by unsubscribing it from every repo.
 *
 * @example await deleteSource(ctx, actor, { name: "scratch" })
 */
export async function deleteSource(ctx: DomainContext, actor: Actor, input: { name: string }, meta: RequestMeta = {}): Promise<SourceInfo> {
  requireAllowed(actor, "repos:manage");
  const source = await findSourceByName(ctx.db, input.name);
  if (!source) throw await noSuchSource(ctx, actor, input.name, "name");
  await ctx.db.transaction().execute(async (tx) => {
    const repos = await tx
      .selectFrom("repo_sources")
      .innerJoin("repos", "repos.id", "repo_sources.repo_id")
      .select("repos.name")
      .where("repo_sources.source_id", "=", source.id)
      .orderBy("repos.name")
      .execute();
    if (repos.length > 0) {
      const names = repos.map((r) => r.name);
      const first = names[0] ?? "";
      throw new DomainError(
        "CONFLICT",
        `source '${source.name}' is served by repo${names.length > 1 ? "s" : ""} ${names.join(", ")}: unsubscribe ${names.length > 1 ? "them" : "it"} first (gatehouse unsubscribe --repo ${first} --source ${source.name})`,
        "name",
      );
    }
    const files = await tx
      .selectFrom("package_files")
      .select((eb) => [eb.fn.countAll<string>().as("all"), eb.fn.count<string>("removed_at").as("removed")])
      .where("source_id", "=", source.id)
      .executeTakeFirst();
    const all = Number(files?.all ?? 0);
    if (all > 0) {
      const live = all - Number(files?.removed ?? 0);
      throw new DomainError(
        "CONFLICT",
        `source '${source.name}' has held ${all} file${all > 1 ? "s" : ""} (${live} still published): a filename is never reused in a source, so a source that held files stays; it serves nothing once no repo subscribes to it`,
        "name",
      );
    }
    // Package settings (privacy, owner) can exist before any file; they go with the source.
    await tx.deleteFrom("package_metadata").where("source_id", "=", source.id).execute();
    await tx.deleteFrom("packages").where("source_id", "=", source.id).execute();
    await tx.deleteFrom("sources").where("id", "=", source.id).execute();
    await recordChange(tx, { kind: "source", sourceId: source.id });
    await recordAudit(tx, { actor: describeActor(actor), action: "source.delete", target: `source:${source.name}`, address: meta.address ?? null, detail: { kind: source.kind } });
  });
  ctx.bus.publish({ kind: "source", sourceId: source.id });
  return { id: source.id, name: source.name, kind: source.kind, type: source.type, upstream: source.upstream_url, upstreamTokenEnv: source.upstream_token_env, createdAt: source.created_at.toISOString() };
}

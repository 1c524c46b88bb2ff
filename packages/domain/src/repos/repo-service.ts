import { isValidResourceName } from "@gatehouse/scope-engine";
import { recordAudit } from "../audit/index.js";
import { type Actor, describeActor, requireAllowed } from "../auth/index.js";
import { recordChange } from "../changes/index.js";
import type { DomainContext, RequestMeta } from "../context.js";
import type { RepoRow, RepoType, SourceRow } from "../db/index.js";
import { DomainError } from "../errors/index.js";
import { newId } from "../ids.js";
import { decideRepoAdmin, decideRepoRead } from "../access/repo-permissions.js";
import { validateUpstream } from "../remote/validate-upstream.js";
import { noSuchRepo, noSuchSource } from "./name-hints.js";
import {
  findRepoByName,
  findSourceByName,
  nextPosition,
  selectRepoSources,
  selectReposWithSources,
} from "./repo-queries.js";
import { REPO_TYPES, type RepoInfo, type SourceInfo, isCompatible } from "./repo-types.js";

function validateName(name: string, what: "repo" | "source"): void {
  if (!isValidResourceName(name)) {
    throw new DomainError(
      "INVALID_INPUT",
      `invalid ${what} name '${name}': use 1-64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit (reserved: __api__, __admin__, t, …)`,
      "name",
    );
  }
}

function validateType(type: string, field: "type" | "kind"): RepoType {
  if (!REPO_TYPES.includes(type as RepoType)) {
    throw new DomainError("INVALID_INPUT", `unknown ${field} '${type}': use one of ${REPO_TYPES.join(", ")}`, field);
  }
  return type as RepoType;
}

/** Maps a repo row and its sources to what callers see. */
export function toRepoInfo(row: RepoRow, sources: readonly SourceRow[]): RepoInfo {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    description: row.description,
    authenticated: row.authenticated,
    sources: sources.map((s) => s.name),
    createdAt: row.created_at.toISOString(),
  };
}

/** Maps a source row to what callers see. */
export function toSourceInfo(row: SourceRow): SourceInfo {
  return { id: row.id, name: row.name, kind: row.kind, type: row.type, upstream: row.upstream_url, upstreamTokenEnv: row.upstream_token_env, createdAt: row.created_at.toISOString() };
}

/** Input for a new repo. */
export interface CreateRepoInput {
  name: string;
  /** Defaults to `r`, as in Posit Package Manager. */
  type?: string;
  description?: string;
  /** Defaults to the setting `auth.newReposAuthByDefault`. */
  authenticated?: boolean;
}

/** Creates a repo (needs `repos:manage`). */
export async function createRepo(ctx: DomainContext, actor: Actor, input: CreateRepoInput, meta: RequestMeta = {}): Promise<RepoInfo> {
  requireAllowed(actor, "repos:manage");
  validateName(input.name, "repo");
  const type = validateType(input.type ?? "r", "type");
  const description = input.description ?? "";
  if (description.length > 500) throw new DomainError("INVALID_INPUT", "the description may have at most 500 characters", "description");
  const row = await ctx.db.transaction().execute(async (tx) => {
    if (await findRepoByName(tx, input.name)) {
      throw new DomainError("ALREADY_EXISTS", `a repo named '${input.name}' already exists; pick another name or edit it with \`gatehouse edit repo\``, "name");
    }
    const now = ctx.now();
    const values = {
      id: newId("repo"),
      name: input.name,
      type,
      description,
      authenticated: input.authenticated ?? ctx.settings.newReposAuthByDefault,
      created_at: now,
      updated_at: now,
    };
    await tx.insertInto("repos").values(values).execute();
    await recordChange(tx, { kind: "repo" });
    await recordAudit(tx, { actor: describeActor(actor), action: "repo.create", target: `repo:${input.name}`, address: meta.address ?? null, detail: { type, authenticated: values.authenticated } });
    return tx.selectFrom("repos").selectAll().where("id", "=", values.id).executeTakeFirstOrThrow();
  });
  ctx.bus.publish({ kind: "repo" });
  return toRepoInfo(row, []);
}

/** Changes to a repo. */
export interface EditRepoInput {
  name: string;
  authenticated?: boolean;
  description?: string;
}

/** Edits a repo's description or authentication (needs `repos:manage`, or an admin grant on the repo with a write-capable token). */
export async function editRepo(ctx: DomainContext, actor: Actor, input: EditRepoInput, meta: RequestMeta = {}): Promise<RepoInfo> {
  await requireRepoSettingsAdmin(ctx, actor, input.name);
  if (input.description !== undefined && input.description.length > 500) {
    throw new DomainError("INVALID_INPUT", "the description may have at most 500 characters", "description");
  }
  // Hints need the database outside the transaction (PGlite has one connection).
  if (!(await findRepoByName(ctx.db, input.name))) throw await noSuchRepo(ctx, actor, input.name);
  const row = await ctx.db.transaction().execute(async (tx) => {
    const repo = await findRepoByName(tx, input.name);
    if (!repo) throw new DomainError("NOT_FOUND", `no repo named '${input.name}'; list them with \`gatehouse list repos\``, "name");
    await tx
      .updateTable("repos")
      .set({
        ...(input.authenticated !== undefined ? { authenticated: input.authenticated } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        updated_at: ctx.now(),
      })
      .where("id", "=", repo.id)
      .execute();
    await recordChange(tx, { kind: "repo" });
    await recordAudit(tx, { actor: describeActor(actor), action: "repo.edit", target: `repo:${input.name}`, address: meta.address ?? null, detail: { authenticated: input.authenticated, description: input.description } });
    return tx.selectFrom("repos").selectAll().where("id", "=", repo.id).executeTakeFirstOrThrow();
  });
  ctx.bus.publish({ kind: "repo" });
  return toRepoInfo(row, await selectRepoSources(ctx.db, row.id));
}

async function requireRepoSettingsAdmin(ctx: DomainContext, actor: Actor, name: string): Promise<void> {
  const repo = await findRepoByName(ctx.db, name);
  // Without repos:manage, an unknown repo and a refused one get the same answer.
  const decision = await decideRepoAdmin(ctx, actor, { action: "repos:manage" }, { repoIds: repo ? [repo.id] : [], type: repo?.type ?? "python", what: `repo "${name}"` });
  if (decision.allowed) return;
  requireAllowed(actor, "repos:manage");
}

/** Repos the actor may see: every one for `repos:manage`, else those it can read. */
export async function listRepos(ctx: DomainContext, actor: Actor): Promise<RepoInfo[]> {
  const all = await selectReposWithSources(ctx.db);
  const readable = await Promise.all(all.map(async (r) => (await decideRepoRead(ctx, actor, r)).allowed));
  return all.filter((_r, i) => readable[i]).map((r) => toRepoInfo(r, r.sourceRows));
}

/** One repo by name (404 when the actor may not see it). */
export async function getRepo(ctx: DomainContext, actor: Actor, name: string): Promise<RepoInfo> {
  const row = await findRepoByName(ctx.db, name);
  if (!row || !(await decideRepoRead(ctx, actor, row)).allowed) throw await noSuchRepo(ctx, actor, name);
  return toRepoInfo(row, await selectRepoSources(ctx.db, row.id));
}

/** Input for a new local source. */
export interface CreateSourceInput {
  name: string;
  kind: string;
  /** A remote source: the upstream index URL it mirrors. */
  upstream?: string;
  /** The server environment variable holding the upstream's token (its name only). */
  upstreamTokenEnv?: string;
}

/** Creates a local source, or a remote one mirroring `upstream` (needs `repos:manage`). */
export async function createSource(ctx: DomainContext, actor: Actor, input: CreateSourceInput, meta: RequestMeta = {}): Promise<SourceInfo> {
  requireAllowed(actor, "repos:manage");
  validateName(input.name, "source");
  const kind = validateType(input.kind, "kind");
  const upstream = input.upstream === undefined ? null : await validateUpstream(kind, input.upstream, input.upstreamTokenEnv, ctx.settings.upstream);
  if (upstream === null && input.upstreamTokenEnv !== undefined) {
    throw new DomainError("INVALID_INPUT", "--upstream-token-env goes with --upstream (a local source has no upstream)", "upstream-token-env");
  }
  const row = await ctx.db.transaction().execute(async (tx) => {
    if (await findSourceByName(tx, input.name)) {
      throw new DomainError("ALREADY_EXISTS", `a source named '${input.name}' already exists`, "name");
    }
    const id = newId("src");
    const remote = upstream ? { type: "remote" as const, upstream_url: upstream.url, upstream_token_env: upstream.tokenEnv } : { type: "local" as const };
    await tx.insertInto("sources").values({ id, name: input.name, kind, ...remote, created_at: ctx.now() }).execute();
    await recordAudit(tx, { actor: describeActor(actor), action: "source.create", target: `source:${input.name}`, address: meta.address ?? null, detail: { kind, upstream: upstream?.url ?? null } });
    return tx.selectFrom("sources").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  });
  return toSourceInfo(row);
}

/** Every source (needs `api:read` or `repos:manage`; sources are admin objects). */
export async function listSources(ctx: DomainContext, actor: Actor): Promise<SourceInfo[]> {
  requireAllowed(actor, "api:read");
  const rows = await ctx.db.selectFrom("sources").selectAll().orderBy("name").execute();
  return rows.map(toSourceInfo);
}

/** Subscribes a repo to a source, after its current ones (needs `repos:manage`). */
export async function subscribe(ctx: DomainContext, actor: Actor, input: { repo: string; source: string }, meta: RequestMeta = {}): Promise<RepoInfo> {
  requireAllowed(actor, "repos:manage");
  // Hints need the database outside the transaction (PGlite has one connection).
  if (!(await findRepoByName(ctx.db, input.repo))) throw await noSuchRepo(ctx, actor, input.repo, "repo");
  if (!(await findSourceByName(ctx.db, input.source))) throw await noSuchSource(ctx, actor, input.source);
  const result = await ctx.db.transaction().execute(async (tx) => {
    const repo = await findRepoByName(tx, input.repo);
    if (!repo) throw new DomainError("NOT_FOUND", `no repo named '${input.repo}'`, "repo");
    const source = await findSourceByName(tx, input.source);
    if (!source) throw new DomainError("NOT_FOUND", `no source named '${input.source}'`, "source");
    if (!isCompatible(repo.type, source.kind)) {
      throw new DomainError("INVALID_INPUT", `a ${repo.type} repo cannot serve a ${source.kind} source`, "source");
    }
    const current = await selectRepoSources(tx, repo.id);
    if (current.some((s) => s.id === source.id)) {
      throw new DomainError("ALREADY_EXISTS", `repo '${repo.name}' already subscribes to source '${source.name}'`, "source");
    }
    await tx.insertInto("repo_sources").values({ repo_id: repo.id, source_id: source.id, position: await nextPosition(tx, repo.id) }).execute();
    await recordChange(tx, { kind: "repo" });
    await recordAudit(tx, { actor: describeActor(actor), action: "repo.subscribe", target: `repo:${repo.name}`, address: meta.address ?? null, detail: { source: source.name } });
    return { repo, sources: [...current, source] };
  });
  ctx.bus.publish({ kind: "repo" });
  return toRepoInfo(result.repo, result.sources);
}

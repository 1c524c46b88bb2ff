import { didYouMean } from "@gatehouse/scope-engine";
import { decideRepoRead } from "../access/repo-permissions.js";
import { type Actor, can } from "../auth/index.js";
import type { DomainContext } from "../context.js";
import { DomainError } from "../errors/index.js";
import { selectReposWithSources } from "./repo-queries.js";

/**
 * NOT_FOUND for a repo name, with the closest name the actor may already know
 * of: hints come only from repos it can read (every repo for `repos:manage`),
 * so a hint never reveals an authenticated repo's name to someone who cannot read it.
 *
 * @example throw await noSuchRepo(ctx, actor, "pypy", "repo") // "no repo named 'pypy' (did you mean 'pypi'?); …"
 */
export async function noSuchRepo(ctx: DomainContext, actor: Actor, name: string, field = "name", advice = "list them with `gatehouse list repos`"): Promise<DomainError> {
  const all = await selectReposWithSources(ctx.db);
  const known = can(actor, "repos:manage") ? all : await filterReadable(ctx, actor, all);
  const hint = didYouMean(name, known.map((r) => r.name));
  return new DomainError("NOT_FOUND", `no repo named '${name}'${hint}; ${advice}`, field);
}

async function filterReadable<R extends Parameters<typeof decideRepoRead>[2]>(ctx: DomainContext, actor: Actor, repos: readonly R[]): Promise<R[]> {
  const readable = await Promise.all(repos.map(async (r) => (await decideRepoRead(ctx, actor, r)).allowed));
  return repos.filter((_r, i) => readable[i]);
}

/**
 * NOT_FOUND for a source name, with the closest source name when the actor may
 * list sources (`api:read`); sources are admin objects, so others get no hint.
 *
 * @example throw await noSuchSource(ctx, actor, "interal") // "no source named 'interal' (did you mean 'internal'?); …"
 */
export async function noSuchSource(ctx: DomainContext, actor: Actor, name: string, field = "source"): Promise<DomainError> {
  const names = can(actor, "api:read") ? (await ctx.db.selectFrom("sources").select("name").execute()).map((s) => s.name) : [];
  const hint = didYouMean(name, names);
  return new DomainError("NOT_FOUND", `no source named '${name}'${hint}; list them with \`gatehouse list sources\``, field);
}

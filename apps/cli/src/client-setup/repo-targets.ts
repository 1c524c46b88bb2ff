import { ops, type RepoInfo } from "@gatehouse/api-contract";
import type { RepoTarget } from "@gatehouse/netrc-writer";
import { didYouMean } from "@gatehouse/scope-engine";
import { ApiClient } from "../client/api-client.js";
import { httpTransport } from "../client/http-transport.js";
import { CliError } from "../cli-error.js";

/** What client set-up reads of a listed repo. */
export type ListedRepo = Pick<RepoInfo, "name" | "type" | "authenticated">;

/**
 * The URL each repo type's clients use: the simple index for Python, the repo root for R and
 * Bioconductor (R appends src/contrib, BiocManager packages/<version>/…), the channel for conda.
 * @example clientUrlOf("http://h:4242", { name: "pypi", type: "python" }) // "http://h:4242/pypi/latest/simple/"
 */
export function clientUrlOf(base: string, repo: Pick<ListedRepo, "name" | "type">): string {
  const root = `${base.replace(/\/$/, "")}/${encodeURIComponent(repo.name)}`;
  switch (repo.type) {
    case "python":
      return `${root}/latest/simple/`;
    case "r":
    case "bioconductor":
      return `${root}/latest`;
    case "conda":
      return root;
  }
}

/** Repos visible to the given credentials (the CLI's own, or the client token's over HTTP). */
async function listWithToken(base: string, token: string): Promise<ListedRepo[]> {
  try {
    const api = new ApiClient(httpTransport(new URL(base)), base, token);
    return (await api.op(ops.repos.list, {})).repos;
  } catch {
    // A token that cannot list (or a server out of reach) shows nothing more: the caller names what is missing.
    return [];
  }
}

/**
 * Looks up each named repo's type on the server (as the CLI sees it, then as the client token does),
 * refusing unknown names with the closest existing one.
 */
export async function resolveRepoTargets(api: ApiClient, base: string, names: readonly string[], token: string | undefined): Promise<{ targets: RepoTarget[]; repos: ListedRepo[] }> {
  const mine = await api.op(ops.repos.list, {}).then((r): ListedRepo[] => r.repos, (): ListedRepo[] => []);
  const known = new Map(mine.map((r) => [r.name, r]));
  if (token !== undefined && names.some((n) => !known.has(n))) {
    for (const r of await listWithToken(base, token)) if (!known.has(r.name)) known.set(r.name, r);
  }
  const missing = names.filter((n) => !known.has(n));
  if (missing.length > 0) {
    const all = [...known.keys()];
    const detail = missing.map((n) => `'${n}'${didYouMean(n, all)}`).join(", ");
    throw new CliError(`no repo named ${detail}`, { code: "INVALID_INPUT", field: "repo", hint: "`gatehouse list repos` shows the repos you can see" });
  }
  const repos = names.map((n) => known.get(n) as ListedRepo);
  return { repos, targets: repos.map((r) => ({ name: r.name, kind: r.type, url: clientUrlOf(base, r) })) };
}

export { listWithToken };

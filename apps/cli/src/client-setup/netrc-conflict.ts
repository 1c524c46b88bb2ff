import { maskSecret, netrcPasswordFor, readFileOrNull, type RepoTarget } from "@gatehouse/netrc-writer";
import { CliError } from "../cli-error.js";
import { clientUrlOf, type ListedRepo, listWithToken } from "./repo-targets.js";
import { reposTokenCannotRead } from "./token-probe.js";

/** What to do about a netrc that already holds a token for the server's host. */
export type NetrcDecision =
  | { kind: "none" }
  /** The new token reads everything the old one did: replace it, and say so. */
  | { kind: "replace" }
  /** Mint one token reading all these repos, and write it instead. */
  | { kind: "mint"; repos: string[] };

/** The other token a netrc file holds for the host, if any. */
export function otherTokenIn(netrcFile: string, host: string, token: string): string | null {
  const text = readFileOrNull(netrcFile);
  if (text === null) return null;
  const old = netrcPasswordFor(text, host);
  return old !== null && old !== token ? old : null;
}

/**
 * netrc keeps one token per host, so a second token would silently cut off what the first one read.
 * Replace only when nothing is lost; otherwise mint one token covering both (with --mint-token) or refuse,
 * naming the repos and the way out.
 */
export async function decideNetrc(input: {
  netrcFile: string;
  host: string;
  base: string;
  token: string;
  targets: readonly RepoTarget[];
  mint: boolean;
}): Promise<NetrcDecision> {
  const old = otherTokenIn(input.netrcFile, input.host, input.token);
  if (old === null) return { kind: "none" };
  // Public repos need no token, so only the authenticated ones the old token reads could be lost.
  const oldRepos = (await listWithToken(input.base, old)).filter((r: ListedRepo) => r.authenticated);
  const asked = new Set(input.targets.map((t) => t.name));
  const others = oldRepos.filter((r) => !asked.has(r.name));
  const lost = await reposTokenCannotRead(
    others.map((r) => ({ name: r.name, kind: r.type, url: clientUrlOf(input.base, r) })),
    input.token,
  );
  if (lost.length === 0) return { kind: "replace" };
  const union = [...new Set([...input.targets.map((t) => t.name), ...others.map((r) => r.name)])];
  if (input.mint) return { kind: "mint", repos: union };
  throw new CliError(
    `${input.netrcFile} already holds another token for ${input.host} (${maskSecret(old)}), which reads ${lost.join(", ")}; ` +
      `this token does not, and netrc keeps one token per host, so writing it would cut those repos off`,
    {
      code: "NETRC_TOKEN_CONFLICT",
      exitCode: 2,
      hint: `run again with --mint-token to mint one repos:read token for ${union.join(",")} and write it for every client, or pass --token with a token that reads them all`,
    },
  );
}

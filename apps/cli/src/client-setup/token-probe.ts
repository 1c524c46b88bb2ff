import { checkUrl, type RepoTarget } from "@gatehouse/netrc-writer";
import { CliError } from "../cli-error.js";

/** Whether a token (or no token) reads a repo, asked the way its clients ask. */
export type ProbeResult = "ok" | "denied";

/** Fetches a URL under the repo with the token as HTTP Basic, as pip, R and curl send it from a netrc. */
export async function fetchWithToken(url: string, token: string | undefined): Promise<Response> {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.authorization = `Basic ${Buffer.from(`__token__:${token}`).toString("base64")}`;
  try {
    return await fetch(url, { headers });
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
    throw new CliError(`cannot reach ${new URL(url).origin} (${cause}): clients configured for it could not either`, {
      code: "UNREACHABLE",
      hint: "start the server, or pass --address with the URL clients use to reach it",
    });
  }
}

/** Reads every repo with the token; returns the names it cannot read. */
export async function reposTokenCannotRead(targets: readonly RepoTarget[], token: string | undefined): Promise<string[]> {
  const denied: string[] = [];
  for (const target of targets) {
    const res = await fetchWithToken(checkUrl({ kind: target.kind, url: new URL(target.url) }), token);
    await res.body?.cancel();
    if (res.status === 401 || res.status === 403 || res.status === 404) denied.push(target.name);
  }
  return denied;
}

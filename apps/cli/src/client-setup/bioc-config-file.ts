import { join } from "node:path";
import type { BiocConfigFile, RepoTarget } from "@gatehouse/netrc-writer";
import { CliError } from "../cli-error.js";
import { fetchWithToken } from "./token-probe.js";

/**
 * BiocManager reads BIOCONDUCTOR_CONFIG_FILE with R's url(), which never reads a netrc, so an authenticated
 * repo's config.yaml would answer 401. It holds no secret and changes only with the server's release
 * setting, so it is fetched here with the token and written next to the user's other client files.
 */
export async function fetchBiocConfig(home: string, repo: RepoTarget, token: string | undefined): Promise<BiocConfigFile> {
  const url = `${repo.url.replace(/\/$/, "")}/config.yaml`;
  const res = await fetchWithToken(url, token);
  if (!res.ok) {
    throw new CliError(`cannot read ${repo.name}'s config.yaml (HTTP ${res.status})`, { code: "FAILED", hint: "check the token reads this repo" });
  }
  return { path: join(home, ".config", "gatehouse", "bioc", repo.name, "config.yaml"), text: await res.text() };
}

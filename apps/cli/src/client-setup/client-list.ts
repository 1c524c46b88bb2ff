import { CLIENT_NAMES, type ClientName } from "@gatehouse/netrc-writer";
import { didYouMean } from "@gatehouse/scope-engine";
import { CliError } from "../cli-error.js";

/** Parses `--for pip,r,…`, refusing unknown names with the closest known one. */
export function parseClients(text: string): ClientName[] {
  const names = text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const n of names) {
    if (!CLIENT_NAMES.includes(n as ClientName)) {
      throw new CliError(`unknown client '${n}'${didYouMean(n, [...CLIENT_NAMES])}: use any of ${CLIENT_NAMES.join(", ")}`, { code: "INVALID_INPUT", field: "for" });
    }
  }
  if (names.length === 0) throw new CliError(`name at least one client: ${CLIENT_NAMES.join(", ")}`, { code: "INVALID_INPUT", field: "for" });
  return names as ClientName[];
}

/** Splits `--repo a,b` into names. */
export function parseRepoNames(text: string): string[] {
  const names = [...new Set(text.split(",").map((s) => s.trim()).filter(Boolean))];
  if (names.length === 0) throw new CliError("name at least one repo, e.g. --repo pypi or --repo cran,bioc", { code: "INVALID_INPUT", field: "repo" });
  return names;
}

/** Clients that read the user's netrc (the Connect server reads its own). */
export const USER_NETRC_CLIENTS: readonly ClientName[] = ["pip", "uv", "r", "bioc", "curl"];

import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import type { UpstreamSettings } from "../context.js";
import type { RepoType } from "../db/index.js";
import { DomainError } from "../errors/index.js";
import { refusalOf } from "./upstream-address.js";

/** What a remote source is created with, checked. */
export interface UpstreamConfig {
  url: string;
  tokenEnv: string | null;
}

const ENV_NAME = /^[A-Z_][A-Z0-9_]{0,127}$/;
// What each kind's upstream URL names, for messages.
const EXAMPLES: Record<RepoType, string> = {
  python: "a PEP 503/691 simple index, e.g. https://pypi.org/simple/",
  r: "a CRAN-like repo (the folder holding src/contrib), e.g. https://cloud.r-project.org/",
  bioconductor: "a Bioconductor mirror's root (holding config.yaml and packages/), e.g. https://bioconductor.org/",
  conda: "a conda channel (the folder holding noarch/), e.g. https://conda.anaconda.org/conda-forge/",
};

/**
 * Checks a new remote source's upstream (any kind is mirrored): an http(s)
 * URL without embedded credentials, a host that resolves only to addresses an
 * upstream may have, and a well-formed token variable name (never the token).
 *
 * @example await validateUpstream("r", "https://cloud.r-project.org/", null, settings)
 */
export async function validateUpstream(kind: RepoType, rawUrl: string, tokenEnv: string | null | undefined, settings: UpstreamSettings): Promise<UpstreamConfig> {
  let url: URL;
  try {
    url = new URL(rawUrl.trim());
  } catch {
    throw new DomainError("INVALID_INPUT", `upstream '${rawUrl}' is not a URL: give ${EXAMPLES[kind]}`, "upstream");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new DomainError("INVALID_INPUT", `upstream must be an http or https URL, not ${url.protocol}`, "upstream");
  if (url.username || url.password) {
    throw new DomainError("INVALID_INPUT", "upstream URLs may not hold credentials: put the token in a server environment variable and name it with --upstream-token-env", "upstream");
  }
  if (tokenEnv !== null && tokenEnv !== undefined && !ENV_NAME.test(tokenEnv)) {
    throw new DomainError("INVALID_INPUT", `'${tokenEnv}' is not an environment variable name: use capitals, digits and '_' (e.g. PYPI_TOKEN)`, "upstream-token-env");
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) !== 0 ? [host] : await resolve(host);
  for (const address of addresses) {
    const why = refusalOf(address, settings.allowPrivate);
    if (why) throw new DomainError("INVALID_INPUT", `upstream host ${url.host} is ${why}`, "upstream");
  }
  return { url: url.toString(), tokenEnv: tokenEnv ?? null };
}

async function resolve(host: string): Promise<string[]> {
  try {
    return (await lookup(host, { all: true })).map((a) => a.address);
  } catch {
    throw new DomainError("INVALID_INPUT", `upstream host ${host} does not resolve: check the URL (the server must reach it)`, "upstream");
  }
}

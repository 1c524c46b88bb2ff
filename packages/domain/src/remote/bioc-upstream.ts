import { upstreamFailed } from "./upstream-error.js";
import { type IndexFetchOptions, downloadIndex } from "./index-download.js";
import { type BiocSection, baseOf, biocSubdirOf } from "./mirror-index.js";
import type { MirroredFile } from "./mirrored-file.js";
import { fetchContribIndex } from "./r-upstream.js";

/** A CRAN-like upstream's `src/contrib/` (the source URL may name the repo root or the folder itself). */
export function cranContribUrl(upstream: string): string {
  const base = baseOf(upstream);
  return base.endsWith("/src/contrib/") ? base : `${base}src/contrib/`;
}

/** One section's `src/contrib/` on a Bioconductor mirror: `<root>/packages/<release>/<section>/src/contrib/`. */
export function biocContribUrl(root: string, version: string, section: BiocSection): string {
  return `${baseOf(root)}packages/${version}/${section}/src/contrib/`;
}

/**
 * One section of one release of a Bioconductor mirror. A section the mirror
 * does not carry (404) is empty, as BiocManager reads every section of a release.
 */
export async function fetchBiocSection(root: string, version: string, section: BiocSection, options: IndexFetchOptions): Promise<MirroredFile[]> {
  return (await fetchContribIndex(biocContribUrl(root, version, section), { biocVersion: version, subdir: biocSubdirOf(section) }, options)) ?? [];
}

/**
 * The release a Bioconductor mirror's `config.yaml` names (`release_version: "3.20"`).
 * BiocManager greps the same line rather than parse YAML, so this does too.
 */
export async function fetchBiocRelease(root: string, options: IndexFetchOptions): Promise<string> {
  const config = await downloadIndex(`${baseOf(root)}config.yaml`, options);
  const host = new URL(root).host;
  if (config === null) throw upstreamFailed(host, "has no config.yaml: a Bioconductor mirror's root is expected (the BioC_mirror URL)");
  const release = /^release_version:\s*"?(\d+\.\d+)"?\s*$/m.exec(config.text ?? "")?.[1];
  if (release === undefined) throw upstreamFailed(host, "sent a config.yaml without release_version: is it a Bioconductor mirror?");
  return release;
}

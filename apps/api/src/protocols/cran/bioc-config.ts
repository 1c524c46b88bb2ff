import { biocVersionMap, nextBiocVersion, rVersionForBioc } from "./bioc-versions.js";

/**
 * Renders the `config.yaml` BiocManager reads through `BIOCONDUCTOR_CONFIG_FILE`: the release (the server's
 * configured one), devel (the next), their R versions, and `r_ver_for_bioc_ver` for every release up to devel.
 * BiocManager does not parse YAML: it greps `^release_version: "…"` and reads the map's indented lines up to the
 * next top-level line, so quoting, indentation and the map's place (last, no blank lines) matter.
 * @example renderBiocConfig("3.16") // 'release_version: "3.16"\ndevel_version: "3.17"\n…'
 */
export function renderBiocConfig(release: string): string {
  const devel = nextBiocVersion(release);
  const lines = [
    "# Bioconductor versions served by Gatehouse, in the form BiocManager reads.",
    `release_version: "${release}"`,
    `devel_version: "${devel}"`,
  ];
  const rRelease = rVersionForBioc(release);
  const rDevel = rVersionForBioc(devel);
  if (rRelease) lines.push(`r_version_associated_with_release: "${rRelease}.0"`);
  if (rDevel) lines.push(`r_version_associated_with_devel: "${rDevel}.0"`);
  lines.push("r_ver_for_bioc_ver:");
  for (const [bioc, r] of biocVersionMap(devel)) lines.push(`  "${bioc}": "${r}"`);
  return `${lines.join("\n")}\n`;
}

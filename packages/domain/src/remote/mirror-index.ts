/** Bioconductor's repositories under `packages/<release>/`, as BiocManager names their paths. */
export const BIOC_SECTIONS = ["bioc", "data/annotation", "data/experiment", "workflows", "books"] as const;
/** One of BIOC_SECTIONS. */
export type BiocSection = (typeof BIOC_SECTIONS)[number];

/**
 * One aggregate upstream index a request needs: a CRAN-like `src/contrib`, one
 * section of one Bioconductor release, or one conda subdir. Python upstreams are
 * read per project instead (`RemoteMirror.refreshProject`).
 */
export type MirrorIndex = { kind: "cran" } | { kind: "bioc"; version: string; section: BiocSection } | { kind: "conda"; subdir: string };

/**
 * The key an index's freshness is kept under (in `remote_projects.project`):
 * it starts with ':' so it can never be a package name of any ecosystem.
 *
 * @example indexKey({ kind: "bioc", version: "3.20", section: "data/annotation" }) // ":bioc/3.20/data/annotation"
 */
export function indexKey(index: MirrorIndex): string {
  if (index.kind === "cran") return ":cran";
  if (index.kind === "bioc") return `:bioc/${index.version}/${index.section}`;
  return `:conda/${index.subdir}`;
}

/**
 * Where a Bioconductor section's files are filed: `subdir` is null for the
 * software section (as uploads are) and the section's path for the others.
 */
export function biocSubdirOf(section: BiocSection): string | null {
  return section === "bioc" ? null : section;
}

/** The upstream URL with exactly one trailing slash, to resolve paths against. */
export function baseOf(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}

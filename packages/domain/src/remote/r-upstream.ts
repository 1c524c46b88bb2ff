import { isValidRPackageName, isValidRVersion, parseDcf } from "@gatehouse/repo-index";
import { upstreamFailed } from "./upstream-error.js";
import { type IndexFetchOptions, downloadIndex } from "./index-download.js";
import { type MirroredFile, md5Or, sha256Or } from "./mirrored-file.js";

/** Where a `src/contrib` index's files are filed (plain CRAN: no Bioconductor release or section). */
export interface ContribPlacement {
  biocVersion: string | null;
  subdir: string | null;
}

// Digests and locations describe the upstream's copy; ours are rendered from the stored row.
const NOT_COPIED = new Set(["MD5sum", "SHA256sum", "File", "Path"]);
const SAFE_PATH = /^[A-Za-z0-9._+-]+(\/[A-Za-z0-9._+-]+)*$/;

/**
 * The files a CRAN-like PACKAGES index lists: one per record with a valid
 * Package and Version and at least one digest (MD5sum, or SHA256sum when the
 * upstream gives it) — a file that cannot be verified is never mirrored.
 * `Path:` (a subfolder of `src/contrib`) is honoured for the file's URL.
 *
 * @example parsePackagesIndex("Package: a\nVersion: 1.0\nMD5sum: …\n", "https://cran.example/src/contrib/", { biocVersion: null, subdir: null })
 */
export function parsePackagesIndex(text: string, contribUrl: string, placement: ContribPlacement): MirroredFile[] | undefined {
  const parsed = parseDcf(text);
  if (!parsed.ok) return undefined;
  const out = new Map<string, MirroredFile>();
  for (const record of parsed.value) {
    const pkg = record.Package ?? "";
    const version = record.Version ?? "";
    const md5 = md5Or(record.MD5sum);
    const sha256 = sha256Or(record.SHA256sum);
    if (!isValidRPackageName(pkg) || !isValidRVersion(version) || (md5 === "" && sha256 === "")) continue;
    const path = record.Path?.replace(/^\.\/|\/$/g, "");
    if (path !== undefined && path !== "" && (!SAFE_PATH.test(path) || path.split("/").includes(".."))) continue;
    const filename = `${pkg}_${version}.tar.gz`;
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries(record)) if (!NOT_COPIED.has(k)) fields[k] = v;
    out.set(filename, {
      filename,
      project: pkg,
      name: pkg,
      version,
      kind: "r-source",
      sha256,
      md5,
      size: 0,
      subdir: placement.subdir,
      biocVersion: placement.biocVersion,
      metadata: { fields },
      url: new URL(`${path ? `${path}/` : ""}${filename}`, contribUrl).toString(),
      yanked: null,
    });
  }
  return [...out.values()];
}

/**
 * Reads `<contrib>/PACKAGES.gz` (or `PACKAGES` when there is no .gz); null
 * when the upstream has neither. Text that is not a PACKAGES file is an
 * UPSTREAM_FAILED error, never an empty repo.
 */
export async function fetchContribIndex(contribUrl: string, placement: ContribPlacement, options: IndexFetchOptions): Promise<MirroredFile[] | null> {
  const index = (await downloadIndex(new URL("PACKAGES.gz", contribUrl).toString(), options)) ?? (await downloadIndex(new URL("PACKAGES", contribUrl).toString(), options));
  if (index === null) return null;
  // Unchanged since last read: nothing to record (a mirror never drops what it saw).
  if (index.text === null) return [];
  const files = parsePackagesIndex(index.text, contribUrl, placement);
  if (files === undefined || (files.length === 0 && /\S/.test(index.text) && !/^Package:/m.test(index.text))) {
    throw upstreamFailed(index.url.host, "sent a PACKAGES index Gatehouse cannot read (not Debian control format)");
  }
  return files;
}

/** The URL an R file has once its version is superseded: `src/contrib/Archive/<pkg>/<file>`, or null for other URLs. */
export function archiveUrlOf(url: string, pkg: string): string | null {
  const u = new URL(url);
  const m = /^(.*\/src\/contrib\/)([^/]+\.tar\.gz)$/.exec(u.pathname);
  if (!m) return null;
  u.pathname = `${m[1]}Archive/${encodeURIComponent(pkg)}/${m[2]}`;
  return u.toString();
}

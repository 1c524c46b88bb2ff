import { isSnapshotSegment } from "@gatehouse/domain";

/** Bioconductor's repositories under `packages/<version>/`, as BiocManager names their paths. */
export const BIOC_SECTIONS = ["bioc", "data/annotation", "data/experiment", "workflows", "books"] as const;
/** One of BIOC_SECTIONS. */
export type BiocSection = (typeof BIOC_SECTIONS)[number];

/** Which `src/contrib` folder a request is in: the repo's own, or a Bioconductor release's section. */
export interface ContribFolder {
  bioc: { version: string; section: BiocSection } | null;
}

/** The index files R asks for, newest format first. */
export type IndexFile = "PACKAGES" | "PACKAGES.gz" | "PACKAGES.rds";

/** What a path under an R or Bioconductor repo asks for. */
export type CranTarget =
  | { kind: "config" }
  | { kind: "index"; folder: ContribFolder; file: IndexFile }
  /** `src/contrib/Meta/archive.rds`: the archived versions remotes::install_version() looks up. */
  | { kind: "archive"; folder: ContribFolder }
  | { kind: "download"; folder: ContribFolder; filename: string; archiveOf: string | null };

/** A parsed request: the snapshot segment (`latest` when left out) and the target. */
export interface CranRoute {
  snapshot: string;
  target: CranTarget;
}

const INDEX_FILES = new Set<string>(["PACKAGES", "PACKAGES.gz", "PACKAGES.rds"]);
const BIOC_VERSION = /^\d+\.\d+$/;

function parseContrib(rest: readonly string[], folder: ContribFolder): CranTarget | undefined {
  if (rest[0] !== "src" || rest[1] !== "contrib") return undefined;
  const tail = rest.slice(2);
  const [first, second, third] = tail;
  if (tail.length === 1 && first !== undefined) {
    if (INDEX_FILES.has(first)) return { kind: "index", folder, file: first as IndexFile };
    return first.endsWith(".tar.gz") ? { kind: "download", folder, filename: first, archiveOf: null } : undefined;
  }
  if (tail.length === 2 && first === "Meta" && second === "archive.rds") return { kind: "archive", folder };
  if (tail.length === 3 && first === "Archive" && second && third?.endsWith(".tar.gz")) {
    return { kind: "download", folder, filename: third, archiveOf: second };
  }
  return undefined;
}

function parseBioc(rest: readonly string[]): CranTarget | undefined {
  const [packages, version, ...after] = rest;
  if (packages !== "packages" || version === undefined || !BIOC_VERSION.test(version)) return undefined;
  for (const section of BIOC_SECTIONS) {
    const parts = section.split("/");
    if (parts.every((p, i) => after[i] === p)) {
      const target = parseContrib(after.slice(parts.length), { bioc: { version, section } });
      if (target) return target;
    }
  }
  return undefined;
}

/**
 * Parses the path segments after the repo name (snapshot optional). Bioconductor paths (`config.yaml`,
 * `packages/<version>/<section>/src/contrib/…`) are only recognized for Bioconductor repos. Undefined: not ours.
 * @example parseCranRoute(["latest", "src", "contrib", "PACKAGES.gz"], false) // { snapshot: "latest", target: { kind: "index", … } }
 */
export function parseCranRoute(segments: readonly string[], isBioconductor: boolean): CranRoute | undefined {
  const [head] = segments;
  const hasSnapshot = head !== undefined && isSnapshotSegment(head);
  const snapshot = hasSnapshot ? head : "latest";
  const rest = hasSnapshot ? segments.slice(1) : segments;
  if (isBioconductor && rest.length === 1 && rest[0] === "config.yaml") return { snapshot, target: { kind: "config" } };
  const target = parseContrib(rest, { bioc: null }) ?? (isBioconductor ? parseBioc(rest) : undefined);
  return target ? { snapshot, target } : undefined;
}

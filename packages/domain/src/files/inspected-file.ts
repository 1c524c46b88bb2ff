import type { PackageFilesTable } from "../db/index.js";

/** What a kind-specific inspector learned from an uploaded file. */
export interface InspectedFile {
  /** Normalized name for lookups. */
  project: string;
  /** Name as the package spells it. */
  name: string;
  version: string;
  kind: PackageFilesTable["kind"];
  subdir: string | null;
  metadata: Record<string, unknown>;
  /** Small companion blobs (e.g. PEP 658 core metadata); their sha256 is stored in metadata[key]. */
  companions: { key: string; bytes: Uint8Array }[];
}

/** The staged upload an inspector looks at. */
export interface InspectInput {
  path: string;
  filename: string;
  sha256: string;
  md5: string;
  size: number;
}

/** Reads and validates one kind of package file; throws DomainError INVALID_INPUT naming the problem. */
export type Inspector = (input: InspectInput) => Promise<InspectedFile>;

import type { PackageFileRow } from "../db/index.js";

/** A published file as listings show it. */
export interface PackageFileInfo {
  id: string;
  source: string;
  filename: string;
  project: string;
  name: string;
  version: string;
  kind: PackageFileRow["kind"];
  sha256: string;
  md5: string;
  size: number;
  subdir: string | null;
  biocVersion: string | null;
  metadata: Record<string, unknown>;
  publishedAt: string;
  removedAt: string | null;
  /** Whether the file is yanked (PEP 592, Python only); installers skip it unless pinned. */
  yanked: boolean;
  /** The yank's reason ("" for none), or null when not yanked. */
  yankedReason: string | null;
  labels: string[];
}

/** Maps a file row to what callers see. */
export function toPackageFileInfo(row: PackageFileRow, sourceName: string, labels: string[] = []): PackageFileInfo {
  return {
    id: row.id,
    source: sourceName,
    filename: row.filename,
    project: row.project,
    name: row.name,
    version: row.version,
    kind: row.kind,
    sha256: row.sha256,
    md5: row.md5,
    size: row.size,
    subdir: row.subdir,
    biocVersion: row.bioc_version,
    metadata: row.metadata,
    publishedAt: row.published_at.toISOString(),
    removedAt: row.removed_at?.toISOString() ?? null,
    yanked: row.yanked_reason !== null,
    yankedReason: row.yanked_reason,
    labels,
  };
}

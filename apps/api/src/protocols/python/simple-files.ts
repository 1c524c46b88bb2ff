import type { PackageFileRow } from "@gatehouse/domain";
import type { SimpleFile } from "@gatehouse/repo-index";

/** Where a project page links a file: relative, so `/t/<token>/` prefixes and snapshots carry over. */
export function fileHrefOf(row: Pick<PackageFileRow, "sha256" | "filename">): string {
  return `../../files/${row.sha256}/${encodeURIComponent(row.filename)}`;
}

function stringField(metadata: Record<string, unknown>, key: string): string | undefined {
  const value = metadata[key];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** Maps a stored file to what a simple API project page lists about it. */
export function toSimpleFile(row: PackageFileRow): SimpleFile {
  const file: SimpleFile = {
    filename: row.filename,
    url: fileHrefOf(row),
    sha256: row.sha256,
    size: row.size,
    uploadTime: row.published_at.toISOString(),
  };
  const requiresPython = stringField(row.metadata, "requiresPython");
  if (requiresPython !== undefined) file.requiresPython = requiresPython;
  const coreMetadataSha256 = stringField(row.metadata, "coreMetadataSha256");
  if (coreMetadataSha256 !== undefined) file.coreMetadataSha256 = coreMetadataSha256;
  if (row.yanked_reason !== null) file.yanked = row.yanked_reason;
  return file;
}

import { type PackageFileRow, type RepoView, type Visibility, selectVisibleFiles } from "@gatehouse/domain";
import { ApiError } from "../../http/api-error.js";
import type { ProtocolDeps } from "../repo-routes.js";
import { immutableCachingFor, serveBlob } from "../shared/serve-blob.js";
import { contentTypeOfPythonFile } from "./content-type.js";

/** One download request: `files/<sha256>/<filename>[.metadata]` at a snapshot. */
export interface DownloadRequest {
  request: Request;
  view: RepoView;
  at: Date | null;
  /** Private projects this viewer may not see: their files answer 404. */
  visibility: Visibility;
  /** Segments after `files`. */
  rest: string[];
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const METADATA_SUFFIX = ".metadata";

/**
 * Serves a file (or its PEP 658 core metadata) only if it is visible in this
 * repo at this snapshot: the digest alone never grants access to bytes another
 * repo holds.
 */
export async function serveDownload(deps: ProtocolDeps, req: DownloadRequest): Promise<Response> {
  const [sha256 = "", filename = "", ...extra] = req.rest;
  const missing = new ApiError("NOT_FOUND", `no file ${filename || "(none)"} with sha256 ${sha256 || "(none)"} in repo '${req.view.repo.name}'`);
  if (extra.length > 0 || !SHA256_HEX.test(sha256) || filename === "") throw missing;
  const isMetadata = filename.endsWith(METADATA_SUFFIX);
  const distFilename = isMetadata ? filename.slice(0, -METADATA_SUFFIX.length) : filename;
  const row = await findVisibleFile(deps, req, sha256, distFilename);
  if (!row) throw missing;
  const caching = immutableCachingFor(req.view.repo);
  if (!isMetadata) {
    return serveBlob(deps.domain.blobs, { sha256: row.sha256, size: row.size, contentType: contentTypeOfPythonFile(row.filename), caching }, req.request);
  }
  const metadataSha = row.metadata.coreMetadataSha256;
  if (typeof metadataSha !== "string") throw new ApiError("NOT_FOUND", `${distFilename} has no separate core metadata (PEP 658): download the file itself`);
  const stat = await deps.domain.blobs.stat(metadataSha);
  if (!stat) throw new ApiError("NOT_FOUND", `the core metadata of ${distFilename} is missing from storage`);
  return serveBlob(deps.domain.blobs, { sha256: metadataSha, size: stat.size, contentType: "text/plain; charset=utf-8", caching }, req.request);
}

async function findVisibleFile(deps: ProtocolDeps, req: DownloadRequest, sha256: string, filename: string): Promise<PackageFileRow | undefined> {
  const exclude = req.visibility.hidden;
  const [row] = await selectVisibleFiles(deps.domain.db, req.view, req.at, { sha256, filename, exclude });
  if (!row || req.view.sources.length < 2) return row;
  // With several sources, a file is served only if its source wins its project+version.
  const winners = await selectVisibleFiles(deps.domain.db, req.view, req.at, { project: row.project, exclude });
  return winners.some((w) => w.id === row.id) ? row : undefined;
}

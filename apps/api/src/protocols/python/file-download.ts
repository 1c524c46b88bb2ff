import type { BlobStore, RepoReader } from "@gatehouse/domain";
import { ApiError } from "../../http/api-error.js";
import { fileOrRefusal } from "../shared/blocked-download.js";
import { immutableCachingFor, serveBlob } from "../shared/serve-blob.js";
import { contentTypeOfPythonFile } from "./content-type.js";

/** One download request: `files/<sha256>/<filename>[.metadata]` at a snapshot. */
export interface DownloadRequest {
  blobs: BlobStore;
  request: Request;
  reader: RepoReader;
  at: Date | null;
  /** Segments after `files`. */
  rest: string[];
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const METADATA_SUFFIX = ".metadata";

/**
 * Serves a file (or its PEP 658 core metadata) only if the catalog finds it
 * visible in this repo at this snapshot: the digest alone never grants access
 * to bytes another repo holds; a blocked file is refused with its reason.
 */
export async function serveDownload(req: DownloadRequest): Promise<Response> {
  const [sha256 = "", filename = "", ...extra] = req.rest;
  const missing = () => new ApiError("NOT_FOUND", `no file ${filename || "(none)"} with sha256 ${sha256 || "(none)"} in repo '${req.reader.repo.name}'`);
  if (extra.length > 0 || !SHA256_HEX.test(sha256) || filename === "") throw missing();
  const isMetadata = filename.endsWith(METADATA_SUFFIX);
  const distFilename = isMetadata ? filename.slice(0, -METADATA_SUFFIX.length) : filename;
  const row = fileOrRefusal(await req.reader.find(req.at, { sha256, filename: distFilename }), missing);
  const caching = immutableCachingFor(req.reader.repo);
  if (!isMetadata) {
    return serveBlob(req.blobs, { sha256: row.sha256, size: row.size, contentType: contentTypeOfPythonFile(row.filename), caching }, req.request);
  }
  const metadataSha = row.metadata.coreMetadataSha256;
  if (typeof metadataSha !== "string") throw new ApiError("NOT_FOUND", `${distFilename} has no separate core metadata (PEP 658): download the file itself`);
  const stat = await req.blobs.stat(metadataSha);
  if (!stat) throw new ApiError("NOT_FOUND", `the core metadata of ${distFilename} is missing from storage`);
  return serveBlob(req.blobs, { sha256: metadataSha, size: stat.size, contentType: "text/plain; charset=utf-8", caching }, req.request);
}

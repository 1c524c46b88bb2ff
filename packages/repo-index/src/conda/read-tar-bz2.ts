import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { type ResolvedArchiveLimits, ScanBudget } from "../shared/archive-limits.js";
import { createByteCounter } from "../shared/byte-counter.js";
import { createBunzip2Transform } from "./bunzip2-transform.js";
import { ABOUT_JSON, INDEX_JSON, METADATA_MEMBERS, type RawCondaMetadata } from "./metadata-members.js";
import { scanTarMembers } from "./tar-members.js";

/**
 * Streams a `.tar.bz2` package and returns its info/index.json and info/about.json bytes.
 * Throws `ArchiveAbort` or I/O errors; the caller turns them into a Result.
 */
export async function readTarBz2Metadata(path: string, limits: ResolvedArchiveLimits): Promise<RawCondaMetadata> {
  const { size } = await stat(path);
  const budget = ScanBudget.start(size, limits);
  const found = await scanTarMembers(createReadStream(path), [createBunzip2Transform(budget), createByteCounter(budget, { decompressed: false, tar: true })], {
    wanted: METADATA_MEMBERS,
    maxMemberBytes: limits.maxMetadataBytes,
    budget,
    // Writers put info/ in one run, so the first other member after index.json ends the metadata.
    isDone: (seen, nextPath) => seen.has(INDEX_JSON) && (seen.has(ABOUT_JSON) || !nextPath.startsWith("info/")),
  });
  return { index: found.get(INDEX_JSON), about: found.get(ABOUT_JSON) };
}

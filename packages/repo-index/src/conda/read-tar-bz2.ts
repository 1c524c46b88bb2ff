import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { ByteBudget, type ResolvedLimits } from "./archive-limits.js";
import { createBunzip2Transform } from "./decompress-streams.js";
import { ABOUT_JSON, INDEX_JSON, METADATA_MEMBERS, type RawCondaMetadata } from "./metadata-members.js";
import { scanTarMembers } from "./tar-members.js";

/**
 * Streams a `.tar.bz2` package and returns its info/index.json and info/about.json bytes.
 * Throws `ArchiveAbort` or I/O errors; the caller turns them into a Result.
 */
export async function readTarBz2Metadata(path: string, limits: ResolvedLimits): Promise<RawCondaMetadata> {
  const { size } = await stat(path);
  const budget = ByteBudget.forInput(size, limits);
  const found = await scanTarMembers(createReadStream(path), [createBunzip2Transform(budget)], {
    wanted: METADATA_MEMBERS,
    maxMemberBytes: limits.maxMetadataBytes,
    // Writers put info/ in one run, so the first other member after index.json ends the metadata.
    isDone: (seen, nextPath) => seen.has(INDEX_JSON) && (seen.has(ABOUT_JSON) || !nextPath.startsWith("info/")),
  });
  return { index: found.get(INDEX_JSON), about: found.get(ABOUT_JSON) };
}

import { fail, ok } from "../shared/result.js";
import type { Result } from "../shared/result.js";
import type { PythonFilename } from "./filename.js";
import type { ResolvedArchiveLimits } from "../shared/archive-limits.js";
import { iterateTarGz } from "./tar-reader.js";
import { collectZipEntries, openZip, readZipEntry } from "./zip-reader.js";

// The sdist's own PKG-INFO sits right under its single top-level folder; deeper ones belong to egg-info.
const PKG_INFO_RE = /^(?:\.\/)?[^/]+\/PKG-INFO$/;

const missing = fail({ code: "METADATA_MISSING", message: "the sdist has no <name>-<version>/PKG-INFO file" });

/**
 * Scans the whole archive, not just up to PKG-INFO: an upload cut short after its PKG-INFO (pip
 * could not unpack it) is refused, and so is a second PKG-INFO (extractors keep the last one).
 */
async function readFromTarGz(path: string, limits: ResolvedArchiveLimits): Promise<Result<Buffer>> {
  let found: { name: string; bytes: Buffer } | undefined;
  for await (const member of iterateTarGz(path, limits)) {
    if (!member.ok) return member;
    if (!PKG_INFO_RE.test(member.value.name)) continue;
    if (member.value.type !== "file") {
      return fail({ code: "ARCHIVE_UNSAFE", message: `${member.value.name} is a ${member.value.type}, not a regular file` });
    }
    if (found) return fail({ code: "ARCHIVE_INVALID", message: `the sdist holds two PKG-INFO files (${found.name}, ${member.value.name})` });
    const bytes = await member.value.read(limits.maxMetadataBytes);
    if (!bytes.ok) return bytes;
    found = { name: member.value.name, bytes: bytes.value };
  }
  return found ? ok(found.bytes) : missing;
}

async function readFromZip(path: string, limits: ResolvedArchiveLimits): Promise<Result<Buffer>> {
  const opened = await openZip(path);
  if (!opened.ok) return opened;
  try {
    const entries = await collectZipEntries(opened.value, limits.maxEntries, (name) => PKG_INFO_RE.test(name));
    if (!entries.ok) return entries;
    const [entry] = entries.value;
    if (entry === undefined) return missing;
    return await readZipEntry(opened.value, entry, limits.maxMetadataBytes);
  } finally {
    opened.value.close();
  }
}

/** Reads the raw bytes of an sdist's top-level `<dir>/PKG-INFO` (.tar.gz or .zip). */
export async function readSdistMetadataBytes(
  path: string,
  parsed: PythonFilename,
  limits: ResolvedArchiveLimits,
): Promise<Result<Buffer>> {
  const bytes = parsed.filename.endsWith(".zip") ? await readFromZip(path, limits) : await readFromTarGz(path, limits);
  return bytes.ok ? ok(bytes.value) : bytes;
}

import type { ZipFile } from "yauzl";
import { ArchiveAbort, type ResolvedArchiveLimits, ScanBudget } from "../shared/archive-limits.js";
import { createByteCounter } from "../shared/byte-counter.js";
import { createZstdTransform } from "./decompress-streams.js";
import { checkMember } from "./member-path.js";
import { ABOUT_JSON, INDEX_JSON, METADATA_MEMBERS, type RawCondaMetadata } from "./metadata-members.js";
import { scanTarMembers } from "./tar-members.js";
import { type NamedEntry, listZipEntries, openEntryStream, openZip, readSmallEntry } from "./zip-reader.js";

// A .conda holds three entries; a few more leaves room for harmless extras, not for a zip bomb.
const MAX_ZIP_ENTRIES = 64;

function checkEntries(entries: readonly NamedEntry[]): void {
  const seen = new Set<string>();
  for (const { name, entry } of entries) {
    // Readers disagree on which duplicate wins, so a duplicate could show us different metadata.
    if (seen.has(name)) throw new ArchiveAbort({ code: "ARCHIVE_INVALID", message: `The .conda archive holds ${name} twice.` });
    seen.add(name);
    const checked = checkMember({ name, kind: name.endsWith("/") ? "directory" : "file" });
    if (!checked.ok) throw new ArchiveAbort(checked.error);
    if (entry.isEncrypted()) {
      throw new ArchiveAbort({ code: "ARCHIVE_INVALID", message: `The .conda entry ${name} is encrypted.` });
    }
  }
}

async function checkFormatVersion(zip: ZipFile, entry: NamedEntry | undefined, limits: ResolvedArchiveLimits): Promise<void> {
  if (entry === undefined) return;
  const text = (await readSmallEntry(zip, entry, limits.maxMetadataBytes)).toString("utf8");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ArchiveAbort({ code: "ARCHIVE_INVALID", message: "The .conda metadata.json is not valid JSON." });
  }
  const version = typeof parsed === "object" && parsed !== null ? Reflect.get(parsed, "conda_pkg_format_version") : undefined;
  if (version !== undefined && version !== 2) {
    throw new ArchiveAbort({
      code: "ARCHIVE_UNSUPPORTED",
      message: `The .conda package format version ${String(version)} is not supported (expected 2).`,
    });
  }
}

/**
 * Reads info/index.json and info/about.json from a `.conda` (a zip holding info-<stem>.tar.zst).
 * Only the info tarball is decompressed; the pkg tarball is never read.
 */
export async function readDotCondaMetadata(path: string, stem: string, limits: ResolvedArchiveLimits): Promise<RawCondaMetadata> {
  const zip = await openZip(path);
  try {
    const entries = await listZipEntries(zip, MAX_ZIP_ENTRIES);
    checkEntries(entries);
    await checkFormatVersion(zip, entries.find((e) => e.name === "metadata.json"), limits);
    const infoName = `info-${stem}.tar.zst`;
    const info = entries.find((e) => e.name === infoName);
    if (info === undefined) {
      throw new ArchiveAbort({ code: "METADATA_MISSING", message: `The .conda archive has no ${infoName} member.` });
    }
    // The ratio is reckoned on the info tarball alone: a large pkg tarball buys it no slack.
    const budget = ScanBudget.start(info.entry.compressedSize, limits);
    const stream = await openEntryStream(zip, info.entry);
    // The counter charges what yauzl inflates when the entry is deflated rather than stored.
    const found = await scanTarMembers(stream, [createByteCounter(budget, { decompressed: true, tar: false }), createZstdTransform(budget), createByteCounter(budget, { decompressed: false, tar: true })], {
      wanted: METADATA_MEMBERS,
      maxMemberBytes: limits.maxMetadataBytes,
      budget,
      isDone: (seen) => seen.has(INDEX_JSON) && seen.has(ABOUT_JSON),
    });
    return { index: found.get(INDEX_JSON), about: found.get(ABOUT_JSON) };
  } finally {
    zip.close();
  }
}

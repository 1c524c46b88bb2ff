import type { Readable } from "node:stream";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { ArchiveAbort } from "../shared/archive-limits.js";

/** A zip entry with its name decoded by us, not by yauzl, so path checks stay ours. */
export interface NamedEntry {
  name: string;
  entry: Entry;
}

const decoder = new TextDecoder("utf-8", { fatal: false });

/** Opens a zip file for lazy, one-entry-at-a-time reading. */
export function openZip(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    // decodeStrings: false hands us raw names, which yauzl would otherwise reject with opaque errors.
    yauzl.open(path, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true }, (error, zip) => {
      if (error) reject(error);
      else resolve(zip);
    });
  });
}

function decodeName(entry: Entry): string {
  const raw: unknown = entry.fileName;
  return Buffer.isBuffer(raw) ? decoder.decode(raw) : String(raw);
}

/** Lists the central directory, refusing archives with more than `maxEntries` entries. */
export function listZipEntries(zip: ZipFile, maxEntries: number): Promise<NamedEntry[]> {
  return new Promise((resolve, reject) => {
    const entries: NamedEntry[] = [];
    zip.on("entry", (entry: Entry) => {
      entries.push({ name: decodeName(entry), entry });
      if (entries.length > maxEntries) {
        reject(new ArchiveAbort({ code: "ARCHIVE_INVALID", message: `The .conda archive has more than ${maxEntries} entries.` }));
        return;
      }
      zip.readEntry();
    });
    zip.on("end", () => resolve(entries));
    zip.on("error", reject);
    zip.readEntry();
  });
}

/** Opens one entry's (inflated) contents as a stream. */
export function openEntryStream(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error) reject(error);
      else resolve(stream);
    });
  });
}

/** Reads a small entry whole, refusing one larger than `maxBytes`. */
export async function readSmallEntry(zip: ZipFile, named: NamedEntry, maxBytes: number): Promise<Buffer> {
  if (named.entry.uncompressedSize > maxBytes) {
    throw new ArchiveAbort({
      code: "METADATA_TOO_LARGE",
      message: `${named.name} is larger than the ${maxBytes}-byte limit for metadata files.`,
    });
  }
  const chunks: Buffer[] = [];
  // validateEntrySizes makes yauzl fail the stream if the data outgrows the declared size.
  for await (const chunk of await openEntryStream(zip, named.entry)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

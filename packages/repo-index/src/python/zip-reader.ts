import yauzl from "yauzl";
import type { Entry, ZipFile } from "yauzl";
import { fail, ok } from "../shared/result.js";
import type { Result } from "../shared/result.js";

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Opens a zip file for random access; the caller must `close()` it. Errors: ARCHIVE_INVALID. */
export function openZip(path: string): Promise<Result<ZipFile>> {
  return new Promise((resolve) => {
    // yauzl itself refuses absolute paths and ".." in member names (decodeStrings + validation).
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) {
        resolve(fail({ code: "ARCHIVE_INVALID", message: `not a readable zip archive: ${describe(err)}` }));
        return;
      }
      // Errors after we stop listening must not crash the process.
      zip.on("error", () => {});
      resolve(ok(zip));
    });
  });
}

/**
 * Walks the central directory and returns the entries `keep` accepts.
 * Errors: ARCHIVE_TOO_LARGE past `maxEntries`, ARCHIVE_INVALID on a corrupt directory.
 */
export function collectZipEntries(
  zip: ZipFile,
  maxEntries: number,
  keep: (name: string) => boolean,
): Promise<Result<Entry[]>> {
  if (zip.entryCount > maxEntries) {
    return Promise.resolve(
      fail({ code: "ARCHIVE_TOO_LARGE", message: `the archive has ${zip.entryCount} members; at most ${maxEntries} are read` }),
    );
  }
  return new Promise((resolve) => {
    const kept: Entry[] = [];
    const onEntry = (entry: Entry): void => {
      if (keep(entry.fileName)) kept.push(entry);
      zip.readEntry();
    };
    const finish = (result: Result<Entry[]>): void => {
      zip.off("entry", onEntry);
      zip.off("end", onEnd);
      zip.off("error", onError);
      resolve(result);
    };
    const onEnd = (): void => finish(ok(kept));
    const onError = (err: unknown): void =>
      finish(fail({ code: "ARCHIVE_INVALID", message: `corrupt zip archive: ${describe(err)}` }));
    zip.on("entry", onEntry);
    zip.on("end", onEnd);
    zip.on("error", onError);
    zip.readEntry();
  });
}

/**
 * Reads one member fully, refusing it when its declared or actual size exceeds `maxBytes` (zip bombs).
 * Errors: METADATA_TOO_LARGE, ARCHIVE_INVALID.
 */
export function readZipEntry(zip: ZipFile, entry: Entry, maxBytes: number): Promise<Result<Buffer>> {
  const tooLarge = fail({
    code: "METADATA_TOO_LARGE",
    message: `${entry.fileName} is larger than the ${maxBytes}-byte limit for metadata files`,
  });
  if (entry.uncompressedSize > maxBytes) return Promise.resolve(tooLarge);
  if (entry.isEncrypted()) {
    return Promise.resolve(fail({ code: "ARCHIVE_INVALID", message: `${entry.fileName} is encrypted` }));
  }
  return new Promise((resolve) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) {
        resolve(fail({ code: "ARCHIVE_INVALID", message: `cannot read ${entry.fileName}: ${describe(err)}` }));
        return;
      }
      const chunks: Buffer[] = [];
      let total = 0;
      stream.on("data", (chunk: Buffer) => {
        total += chunk.length;
        // The declared size can lie; stop decompressing as soon as the real size passes the limit.
        if (total > maxBytes) {
          stream.destroy();
          resolve(tooLarge);
          return;
        }
        chunks.push(chunk);
      });
      stream.on("error", (e) =>
        resolve(fail({ code: "ARCHIVE_INVALID", message: `cannot read ${entry.fileName}: ${describe(e)}` })),
      );
      stream.on("end", () => resolve(ok(Buffer.concat(chunks))));
    });
  });
}

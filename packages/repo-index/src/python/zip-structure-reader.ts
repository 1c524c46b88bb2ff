import { open } from "node:fs/promises";
import { fail, ok } from "../shared/result.js";
import type { Result } from "../shared/result.js";

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_TAIL = EOCD_SIZE + 0xffff;
// Read into memory whole; a wheel of 100,000 files has a directory of about 15 MB.
const MAX_DIRECTORY_BYTES = 64 * 1024 * 1024;

const invalid = (message: string) => fail({ code: "ARCHIVE_INVALID", message });

/**
 * Refuses zips that different readers read differently (PyPI refuses them too): more than one
 * end-of-central-directory record, bytes after it, a central directory that does not end where
 * it does, duplicate member names, and a local header whose name differs from the directory's.
 * Python's zipfile (what pip installs with) and yauzl (what Gatehouse reads) would otherwise
 * disagree on which METADATA a wheel holds. Zip64 archives are left to the entry reader.
 *
 * @example
 * const checked = await checkZipStructure("/tmp/upload.whl", 50_000);
 * if (!checked.ok) return checked;
 */
export async function checkZipStructure(path: string, maxEntries: number): Promise<Result<void>> {
  const file = await open(path, "r");
  try {
    const { size } = await file.stat();
    const tailLength = Math.min(size, MAX_TAIL);
    const tail = Buffer.alloc(tailLength);
    await file.read(tail, 0, tailLength, size - tailLength);
    const ends: number[] = [];
    for (let i = tailLength - EOCD_SIZE; i >= 0; i--) if (tail.readUInt32LE(i) === EOCD) ends.push(i);
    const [last] = ends;
    if (last === undefined) return invalid("not a zip archive: no end of central directory record");
    if (ends.length > 1) return invalid("the archive has more than one end of central directory record");
    const count = tail.readUInt16LE(last + 10);
    const dirSize = tail.readUInt32LE(last + 12);
    const dirOffset = tail.readUInt32LE(last + 16);
    const commentLength = tail.readUInt16LE(last + 20);
    const endAt = size - tailLength + last;
    if (endAt + EOCD_SIZE + commentLength !== size) return invalid("the archive has data after its end of central directory record");
    if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) return ok(undefined);
    if (count > maxEntries) return fail({ code: "ARCHIVE_TOO_LARGE", message: `the archive has ${count} members; at most ${maxEntries} are read` });
    if (dirOffset + dirSize !== endAt) return invalid("the central directory does not end where the end record says (prepended or inserted data)");
    if (dirSize > MAX_DIRECTORY_BYTES) {
      return fail({ code: "ARCHIVE_TOO_LARGE", message: `the archive's central directory of ${dirSize} bytes is over the ${MAX_DIRECTORY_BYTES}-byte limit` });
    }
    const dir = Buffer.alloc(dirSize);
    await file.read(dir, 0, dirSize, dirOffset);
    const names = new Set<string>();
    let at = 0;
    for (let n = 0; n < count; n++) {
      if (at + 46 > dir.length || dir.readUInt32LE(at) !== CENTRAL) return invalid("corrupt central directory");
      const nameLength = dir.readUInt16LE(at + 28);
      const next = at + 46 + nameLength + dir.readUInt16LE(at + 30) + dir.readUInt16LE(at + 32);
      const nameBytes = dir.subarray(at + 46, at + 46 + nameLength);
      const name = nameBytes.toString("utf8");
      if (names.has(name)) return invalid(`the archive holds ${name} twice`);
      names.add(name);
      const local = Buffer.alloc(30 + nameLength);
      const { bytesRead } = await file.read(local, 0, local.length, dir.readUInt32LE(at + 42));
      if (bytesRead < local.length || local.readUInt32LE(0) !== LOCAL) return invalid(`corrupt local header for ${name}`);
      if (!local.subarray(30, 30 + local.readUInt16LE(26)).equals(nameBytes)) {
        return invalid(`the local header of ${name} names another file: the archive is ambiguous`);
      }
      at = next;
    }
    return ok(undefined);
  } finally {
    await file.close();
  }
}

import { createReadStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import tar from "tar-stream";
import { fail, ok } from "../shared/result.js";
import type { IndexError, Result } from "../shared/result.js";
import type { ResolvedLimits } from "./read-limits.js";

/** One member of a tar archive as seen while streaming; `read` may be called once, before moving on. */
export interface TarMember {
  /** The member path exactly as stored (untrusted). */
  name: string;
  type: string;
  size: number;
  linkname: string | undefined;
  /** Reads the body; METADATA_TOO_LARGE past `maxBytes`. */
  read(maxBytes: number): Promise<Result<Buffer>>;
}

function describeStreamError(err: unknown): IndexError {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof Error && "syscall" in err) {
    return { code: "ARCHIVE_UNREADABLE", message: `cannot read the file: ${message}` };
  }
  return { code: "ARCHIVE_INVALID", message: `not a valid .tar.gz archive: ${message}` };
}

async function readBody(entry: AsyncIterable<unknown>, name: string, size: number, maxBytes: number): Promise<Result<Buffer>> {
  if (size > maxBytes) {
    return fail({ code: "METADATA_TOO_LARGE", message: `${name} is larger than the ${maxBytes}-byte limit for metadata files` });
  }
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of entry) {
      if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    }
  } catch (err) {
    // A member cut short (truncated gzip, corrupt tar) fails here, in the caller's await, not in the
    // member loop: it must still come back as a typed error, not a throw (a 500 upstream).
    return fail(describeStreamError(err));
  }
  return ok(Buffer.concat(chunks));
}

/**
 * Streams the members of a .tar.gz without extracting anything. Stop early with `break`.
 * Yields one failed result and ends on a corrupt archive or when `maxEntries` / `maxScanBytes` is passed
 * (ARCHIVE_INVALID, ARCHIVE_UNREADABLE, ARCHIVE_TOO_LARGE).
 */
export async function* iterateTarGz(path: string, limits: ResolvedLimits): AsyncGenerator<Result<TarMember>, void> {
  const file = createReadStream(path);
  const gunzip = createGunzip();
  const extract = tar.extract();
  let pipeError: unknown;
  const piping = pipeline(file, gunzip, extract).catch((err: unknown) => {
    pipeError = err;
  });
  let count = 0;
  let scanned = 0;
  try {
    for await (const entry of extract) {
      const size = entry.header.size ?? 0;
      count += 1;
      scanned += size;
      if (count > limits.maxEntries) {
        yield fail({ code: "ARCHIVE_TOO_LARGE", message: `the archive has more than ${limits.maxEntries} members` });
        return;
      }
      // Checked before draining the member, so a gzip bomb is refused without inflating it.
      if (scanned > limits.maxScanBytes) {
        yield fail({ code: "ARCHIVE_TOO_LARGE", message: `the archive holds more than ${limits.maxScanBytes} bytes` });
        return;
      }
      let consumed = false;
      const name = entry.header.name;
      yield ok({
        name,
        type: entry.header.type ?? "file",
        size,
        linkname: entry.header.linkname || undefined,
        read: (maxBytes: number) => {
          consumed = true;
          return readBody(entry, name, size, maxBytes);
        },
      });
      if (!consumed) entry.resume();
    }
    // The members may all be out before the gzip stream proves cut short (no trailer): read to its end.
    await piping;
    if (pipeError !== undefined) yield fail(describeStreamError(pipeError));
  } catch (err) {
    await piping;
    yield fail(describeStreamError(pipeError ?? err));
  } finally {
    extract.destroy();
    gunzip.destroy();
    file.destroy();
  }
}

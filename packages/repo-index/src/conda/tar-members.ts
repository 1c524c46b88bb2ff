import { type Readable, type Transform, pipeline } from "node:stream";
import { type Header, extract } from "tar-stream";
import { ArchiveAbort, type ScanBudget } from "../shared/archive-limits.js";
import { type MemberKind, checkMember } from "./member-path.js";

/** What to pull out of a tar stream, and when to stop reading it. */
export interface TarScanRequest {
  /** Normalized member paths to collect (e.g. "info/index.json"). */
  wanted: ReadonlySet<string>;
  /** Largest member collected; a bigger one aborts with METADATA_TOO_LARGE. */
  maxMemberBytes: number;
  /** Charged one entry per member (maxEntries) and checked against the deadline. */
  budget: ScanBudget;
  /** Called before each member; returning true ends the scan with what was found so far. */
  isDone(found: ReadonlyMap<string, Buffer>, nextPath: string): boolean;
}

function kindOf(type: Header["type"] | undefined): MemberKind {
  switch (type) {
    case "file":
    case "contiguous-file":
    case undefined:
      return "file";
    case "directory":
      return "directory";
    case "symlink":
      return "symlink";
    case "link":
      return "hardlink";
    default:
      return "other";
  }
}

function tooLarge(path: string, limit: number): ArchiveAbort {
  return new ArchiveAbort({
    code: "METADATA_TOO_LARGE",
    message: `${path} is larger than the ${limit}-byte limit for metadata files.`,
  });
}

/**
 * Streams `source` through `stages` into a tar reader and collects the wanted members.
 * Rejects with `ArchiveAbort` (or a stream error) and always tears the whole chain down.
 * @example await scanTarMembers(createReadStream(p), [createBunzip2Transform(budget)], request)
 */
export function scanTarMembers(
  source: Readable,
  stages: readonly Transform[],
  request: TarScanRequest,
): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const tar = extract();
    const found = new Map<string, Buffer>();
    let settled = false;
    const settle = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      // Tear down every stage so the file is closed and no decoder keeps running.
      source.destroy();
      for (const stage of stages) stage.destroy();
      tar.destroy();
      if (error === undefined) resolve(found);
      else reject(error);
    };

    tar.on("entry", (header, stream, next) => {
      // A tar cut short destroys the member in flight with "Unexpected end of data"; unheard, that
      // error would be thrown out of the process (found by fuzzing .conda info tarballs).
      stream.on("error", (error: unknown) => settle(error));
      try {
        request.budget.member(header.size ?? 0);
        request.budget.checkDeadline();
      } catch (error) {
        return settle(error);
      }
      const checked = checkMember({ name: header.name, kind: kindOf(header.type), linkTarget: header.linkname ?? undefined });
      if (!checked.ok) return settle(new ArchiveAbort(checked.error));
      const path = checked.value;
      if (request.isDone(found, path)) return settle();
      if (!request.wanted.has(path) || kindOf(header.type) !== "file") {
        // tar-stream never ends a directory's stream when its header declares a size (a hang found
        // by fuzzing); a directory has no body to drain, so move on at once.
        if (header.type === "directory") return next();
        stream.on("end", () => next());
        stream.resume();
        return;
      }
      if (found.has(path)) {
        return settle(new ArchiveAbort({ code: "ARCHIVE_INVALID", message: `The archive holds ${path} twice.` }));
      }
      if ((header.size ?? 0) > request.maxMemberBytes) return settle(tooLarge(path, request.maxMemberBytes));
      const chunks: Uint8Array[] = [];
      let size = 0;
      stream.on("data", (chunk: unknown) => {
        if (!(chunk instanceof Uint8Array)) return settle(new Error("tar reader produced a non-byte chunk"));
        size += chunk.length;
        // The header size is checked above; this guards against a header that lies.
        if (size > request.maxMemberBytes) settle(tooLarge(path, request.maxMemberBytes));
        else chunks.push(chunk);
      });
      stream.on("end", () => {
        found.set(path, Buffer.concat(chunks));
        next();
      });
    });
    tar.on("finish", () => settle());
    tar.on("error", (error: unknown) => settle(error));
    // tar-stream is built on streamx, so it is attached with pipe() rather than node's pipeline().
    const tail = stages.at(-1);
    if (tail === undefined) {
      source.on("error", (error: unknown) => settle(error));
      source.pipe(tar);
    } else {
      pipeline([source, ...stages], (error) => {
        if (error) settle(error);
      });
      tail.pipe(tar);
    }
  });
}

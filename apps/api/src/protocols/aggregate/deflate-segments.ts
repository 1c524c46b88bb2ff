import { createHash } from "node:crypto";
import { constants, crc32, deflateRawSync } from "node:zlib";

/** A piece of a document with its compressed form, made once and reused while it does not change. */
export interface Segment {
  raw: Buffer;
  /** Raw deflate ending on a byte boundary with no final block (Z_SYNC_FLUSH), fresh dictionary. */
  deflated: Buffer;
  /** sha256 of raw: the document's ETag is made from these. */
  digest: Buffer;
}

// Level 6 is zlib's default; a 256-record chunk of repodata (~100 KB) takes well under a millisecond.
const LEVEL = 6;
// An empty final block (BFINAL=1, fixed Huffman, end-of-block): ends the deflate stream.
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03]);

/** Compresses one piece on its own, so pieces can be joined in any order into one deflate stream. */
export function makeSegment(raw: Buffer): Segment {
  const deflated = raw.length === 0 ? Buffer.alloc(0) : deflateRawSync(raw, { level: LEVEL, finishFlush: constants.Z_SYNC_FLUSH });
  return { raw, deflated, digest: createHash("sha256").update(raw).digest() };
}

/** A document assembled from segments: its bytes (when wanted), one gzip member, and a strong ETag. */
export interface AssembledDocument {
  body: Buffer | null;
  gzip: Buffer;
  etag: string;
}

/**
 * Joins segments into one document and one single-member gzip stream of it. Each segment was
 * deflated alone and sync-flushed, so their concatenation is a valid deflate stream (back-references
 * never cross a segment); an empty final block ends it and the trailer carries the CRC of the whole.
 * This is how pigz compresses in parallel, and every gzip reader accepts it (one member, not many).
 * `withBody: false` skips joining the plain bytes (for files that are only ever served gzipped).
 */
export function assemble(segments: readonly Segment[], withBody: boolean): AssembledDocument {
  let crc = 0;
  let size = 0;
  const etag = createHash("sha256");
  const deflated: Buffer[] = [GZIP_HEADER];
  for (const s of segments) {
    if (!withBody) crc = crc32(s.raw, crc);
    size += s.raw.length;
    etag.update(s.digest);
    if (s.deflated.length > 0) deflated.push(s.deflated);
  }
  const body = withBody ? Buffer.concat(segments.map((s) => s.raw), size) : null;
  if (body) {
    crc = crc32(body);
    // Cached segments now view the document instead of holding a copy: one copy of the bytes in memory.
    let offset = 0;
    for (const s of segments) {
      const end = offset + s.raw.length;
      s.raw = body.subarray(offset, end);
      offset = end;
    }
  }
  const trailer = Buffer.allocUnsafe(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size % 2 ** 32, 4);
  deflated.push(FINAL_BLOCK, trailer);
  return { body, gzip: Buffer.concat(deflated), etag: `"${etag.digest("base64url").slice(0, 27)}"` };
}

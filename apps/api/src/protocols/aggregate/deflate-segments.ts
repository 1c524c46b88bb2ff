import { createHash } from "node:crypto";
import { constants, crc32, deflateRawSync } from "node:zlib";
import { crc32Append, crc32Shift } from "./crc32-combine.js";

/** A piece of a document with its compressed form, made once and reused while it does not change. */
export interface Segment {
  raw: Buffer;
  /** Raw deflate ending on a byte boundary with no final block (Z_SYNC_FLUSH), fresh dictionary. */
  deflated: Buffer;
  /** sha256 of raw: the document's ETag is made from these. */
  digest: Buffer;
  /** CRC-32 of raw and crc32Shift of its length: the gzip trailer is combined from these. */
  crc: number;
  shift: number;
}

// Level 6 is zlib's default; a 256-record chunk of repodata (~100 KB) takes well under a millisecond.
const LEVEL = 6;
// An empty final block (BFINAL=1, fixed Huffman, end-of-block): ends the deflate stream.
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03]);

/** Compresses one piece on its own, so pieces can be joined in any order into one deflate stream. */
export function makeSegment(raw: Buffer): Segment {
  const deflated = raw.length === 0 ? Buffer.alloc(0) : deflateRawSync(raw, { level: LEVEL, finishFlush: constants.Z_SYNC_FLUSH });
  return { raw, deflated, digest: createHash("sha256").update(raw).digest(), crc: crc32(raw), shift: crc32Shift(raw.length) };
}

/** A document as the list of its pieces: plain bytes and one single-member gzip stream, neither joined. */
export interface SegmentedDocument {
  raw: readonly Buffer[];
  rawLength: number;
  gzip: readonly Buffer[];
  gzipLength: number;
  etag: string;
}

/**
 * Lays segments out as one document and one single-member gzip stream of it, without copying them.
 * Each segment was deflated alone and sync-flushed, so their concatenation is a valid deflate stream
 * (back-references never cross a segment); an empty final block ends it and the trailer carries the
 * CRC of the whole. This is how pigz compresses in parallel, and every gzip reader accepts it (one
 * member, not many).
 */
export function segmentDocument(segments: readonly Segment[]): SegmentedDocument {
  let crc = 0;
  let rawLength = 0;
  const etag = createHash("sha256");
  const raw: Buffer[] = [];
  const gzip: Buffer[] = [GZIP_HEADER];
  for (const s of segments) {
    if (s.raw.length === 0) continue;
    crc = crc32Append(crc, s.crc, s.shift);
    rawLength += s.raw.length;
    etag.update(s.digest);
    raw.push(s.raw);
    gzip.push(s.deflated);
  }
  const trailer = Buffer.allocUnsafe(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(rawLength % 2 ** 32, 4);
  gzip.push(FINAL_BLOCK, trailer);
  let gzipLength = 0;
  for (const g of gzip) gzipLength += g.length;
  return { raw, rawLength, gzip, gzipLength, etag: `"${etag.digest("base64url").slice(0, 27)}"` };
}

/** A document joined into buffers: its bytes (when wanted), its gzip form, and a strong ETag. */
export interface AssembledDocument {
  body: Buffer | null;
  gzip: Buffer;
  etag: string;
}

/**
 * Joins segments into one document and its gzip form (see segmentDocument). `withBody: false` skips
 * joining the plain bytes (for files that are only ever served gzipped).
 */
export function assemble(segments: readonly Segment[], withBody: boolean): AssembledDocument {
  const doc = segmentDocument(segments);
  const body = withBody ? Buffer.concat(doc.raw, doc.rawLength) : null;
  if (body) {
    // Cached segments now view the document instead of holding a copy: one copy of the bytes in memory.
    let offset = 0;
    for (const s of segments) {
      if (s.raw.length === 0) continue;
      const end = offset + s.raw.length;
      s.raw = body.subarray(offset, end);
      offset = end;
    }
  }
  return { body, gzip: Buffer.concat(doc.gzip, doc.gzipLength), etag: doc.etag };
}

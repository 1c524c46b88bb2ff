// Builds real decompression bombs (1 GiB of zeros and more) in a few hundred milliseconds and about
// a megabyte: the zeros are compressed once and the compressed block is repeated, which every
// format here allows (deflate blocks after a full flush, zstd RLE blocks, concatenated bzip2 streams).
import { spawnSync } from "node:child_process";
import { constants, crc32, deflateRawSync } from "node:zlib";

/** Part of an archive's uncompressed bytes: literal bytes or a run of zeros. */
export type Segment = Buffer | { zeros: number };

export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;
const ZERO_MIB = Buffer.alloc(MiB);

function sizeOf(segments: readonly Segment[]): number {
  return segments.reduce((n, s) => n + (Buffer.isBuffer(s) ? s.length : s.zeros), 0);
}

/** Yields the segments' bytes in pieces of at most 1 MiB (zero runs reuse one buffer). */
function* piecesOf(segments: readonly Segment[]): Generator<Buffer> {
  for (const s of segments) {
    if (Buffer.isBuffer(s)) {
      yield s;
      continue;
    }
    for (let left = s.zeros; left > 0; left -= MiB) yield left >= MiB ? ZERO_MIB : ZERO_MIB.subarray(0, left);
  }
}

function crcOf(segments: readonly Segment[]): number {
  let crc = 0;
  for (const piece of piecesOf(segments)) crc = crc32(piece, crc);
  return crc;
}

const flushed = (bytes: Buffer) => deflateRawSync(bytes, { level: 9, finishFlush: constants.Z_FULL_FLUSH });

/** A raw deflate stream of the segments: each piece is its own full-flushed block, so repeats are free. */
export function deflateSegments(segments: readonly Segment[]): Buffer {
  const zeroBlock = flushed(ZERO_MIB);
  const parts: Buffer[] = [];
  for (const piece of piecesOf(coalesce(segments))) parts.push(piece === ZERO_MIB ? zeroBlock : flushed(piece));
  // A final, empty fixed-Huffman block ends the stream.
  parts.push(Buffer.from([0x03, 0x00]));
  return Buffer.concat(parts);
}

/** A complete, valid gzip file holding the segments. */
export function gzipSegments(segments: readonly Segment[]): Buffer {
  const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crcOf(segments) >>> 0, 0);
  trailer.writeUInt32LE(sizeOf(segments) % 2 ** 32, 4);
  return Buffer.concat([header, deflateSegments(segments), trailer]);
}

/** A ustar header block for a member of `size` bytes. */
export function tarHeader(name: string, size: number, type = "0"): Buffer {
  const block = Buffer.alloc(512);
  const field = (at: number, length: number, value: string) => block.write(value, at, length, "latin1");
  const octal = (at: number, length: number, value: number) => field(at, length, `${value.toString(8).padStart(length - 1, "0")}\0`);
  field(0, 100, name);
  octal(100, 8, 0o644);
  octal(108, 8, 0);
  octal(116, 8, 0);
  octal(124, 12, size);
  octal(136, 12, 0);
  block[156] = type.charCodeAt(0);
  field(257, 8, "ustar\u000000");
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of block) sum += b;
  field(148, 8, `${sum.toString(8).padStart(6, "0")}\0 `);
  return block;
}

/** One tar member: literal content or a run of zeros. */
export type TarBombMember = { name: string; data: string | Buffer } | { name: string; zeros: number };

/** The uncompressed bytes of a tar holding the members, then `trailingZeros` bytes of zeros (at least the end blocks). */
export function tarSegments(members: readonly TarBombMember[], trailingZeros = 1024): Segment[] {
  const segments: Segment[] = [];
  for (const m of members) {
    const body: Segment = "zeros" in m ? { zeros: m.zeros } : Buffer.from(m.data);
    const size = sizeOf([body]);
    segments.push(tarHeader(m.name, size), body);
    if (size % 512) segments.push({ zeros: 512 - (size % 512) });
  }
  segments.push({ zeros: Math.max(1024, trailingZeros) });
  return segments;
}

/** A zip member; `declaredSize` lets the headers lie about the uncompressed size, as bombs do. */
export interface ZipBombEntry {
  name: string;
  segments: readonly Segment[];
  /** Store instead of deflate (conda keeps its inner tarballs stored). */
  stored?: boolean;
  declaredSize?: number;
}

/** A valid zip archive (no data descriptors, no zip64) of the entries. */
export function zipArchive(entries: readonly ZipBombEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const data = e.stored ? Buffer.concat([...piecesOf(e.segments)]) : deflateSegments(e.segments);
    const crc = crcOf(e.segments) >>> 0;
    const size = e.declaredSize ?? sizeOf(e.segments);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.stored ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.stored ? 0 : 8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const ZSTD_BLOCK = 128 * 1024;

function zstdBlockHeader(type: 0 | 1, size: number, last: boolean): Buffer {
  const header = Buffer.alloc(3);
  header.writeUIntLE((size << 3) | (type << 1) | (last ? 1 : 0), 0, 3);
  return header;
}

/** A valid zstd frame (128 KiB window) of the segments: literal bytes as raw blocks, zeros as RLE blocks. */
export function zstdSegments(segments: readonly Segment[]): Buffer {
  const parts: Buffer[] = [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x38])];
  for (const s of segments) {
    if (Buffer.isBuffer(s)) {
      for (let at = 0; at < s.length; at += ZSTD_BLOCK) {
        const piece = s.subarray(at, at + ZSTD_BLOCK);
        parts.push(zstdBlockHeader(0, piece.length, false), piece);
      }
      continue;
    }
    const rle = Buffer.concat([zstdBlockHeader(1, ZSTD_BLOCK, false), Buffer.from([0])]);
    let left = s.zeros;
    for (; left >= ZSTD_BLOCK; left -= ZSTD_BLOCK) parts.push(rle);
    if (left > 0) parts.push(zstdBlockHeader(1, left, false), Buffer.from([0]));
  }
  parts.push(zstdBlockHeader(0, 0, true));
  return Buffer.concat(parts);
}

function bzip2(bytes: Buffer): Buffer {
  const run = spawnSync("bzip2", ["-9c"], { input: bytes, maxBuffer: 64 * MiB });
  if (run.status !== 0) throw new Error(`bzip2 failed: ${String(run.stderr)}`);
  return run.stdout;
}

/** Merges literal bytes and short zero runs into single buffers, so each compressor call sees more at once. */
function coalesce(segments: readonly Segment[]): Segment[] {
  const out: Segment[] = [];
  let pending: Buffer[] = [];
  const flush = () => {
    if (pending.length > 0) out.push(Buffer.concat(pending));
    pending = [];
  };
  for (const s of segments) {
    if (Buffer.isBuffer(s)) pending.push(s);
    else if (s.zeros < MiB) pending.push(Buffer.alloc(s.zeros));
    else {
      flush();
      out.push(s);
    }
  }
  flush();
  return out;
}

/** Concatenated bzip2 streams (which bzip2 -d reads as one) of the segments; 16 MiB of zeros are compressed once. */
export function bzip2Segments(segments: readonly Segment[]): Buffer {
  const chunk = 16 * MiB;
  const zeroStream = bzip2(Buffer.alloc(chunk));
  const parts: Buffer[] = [];
  for (const s of coalesce(segments)) {
    if (Buffer.isBuffer(s)) {
      parts.push(bzip2(s));
      continue;
    }
    let left = s.zeros;
    for (; left >= chunk; left -= chunk) parts.push(zeroStream);
    if (left > 0) parts.push(bzip2(Buffer.alloc(left)));
  }
  return Buffer.concat(parts);
}

// The decoder inside unbzip2-stream, used directly so that output is streamed in bounded chunks
// (its own wrapper holds a whole block — up to 46 MB of zeros — as an array of numbers).
declare module "unbzip2-stream/lib/bit_iterator.js" {
  /** Reads `n` bits (or aligns to a byte on `null`); `bytesRead` counts the bytes started. */
  export interface BitReader {
    (n: number | null): number;
    bytesRead: number;
  }
  export default function bitIterator(nextBuffer: () => Uint8Array | undefined): BitReader;
}

declare module "unbzip2-stream/lib/bzip2.js" {
  import type { BitReader } from "unbzip2-stream/lib/bit_iterator.js";
  interface Bzip2 {
    /** Reads a stream header; returns the block size level (1-9). */
    header(bits: BitReader): number;
    /** Decodes one block through `write`, returning the running stream CRC, or null at the end of a stream. */
    decompress(bits: BitReader, write: (byte: number) => void, buf: Int32Array, bufsize: number, streamCRC: number | null): number | null;
  }
  const bzip2: Bzip2;
  export default bzip2;
}

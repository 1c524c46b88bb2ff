/// <reference path="./unbzip2-lib.d.ts" />
import { Transform, type TransformCallback } from "node:stream";
import bitIterator, { type BitReader } from "unbzip2-stream/lib/bit_iterator.js";
import bzip2 from "unbzip2-stream/lib/bzip2.js";
import type { ScanBudget } from "../shared/archive-limits.js";

const CHUNK_BYTES = 64 * 1024;
// The decoder reads a block synchronously, so a whole compressed block (at most 900 kB plus slack,
// as unbzip2-stream reckons) must be buffered before it starts.
const blockInputBytes = (level: number) => 25_000 + 100_000 * level;

function asError(error: unknown): Error {
  if (error instanceof TypeError) return new Error("the bzip2 stream is cut short");
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * A Transform that inflates a (possibly multi-stream) bzip2 stream, charging every output byte to
 * `budget` as it is decoded: a bomb is stopped inside its first block, and a block's output is
 * held as 64 KiB buffers until its CRC is checked (never as one array of numbers).
 * @example source.pipe(createBunzip2Transform(budget)).pipe(tarExtract)
 */
export function createBunzip2Transform(budget: ScanBudget): Transform {
  const queue: Uint8Array[] = [];
  let received = 0;
  let bits: BitReader | undefined;
  let level = 0;
  let streamCrc: number | null = null;
  let work = new Int32Array(0);
  let block: Buffer[] = [];
  const out = Buffer.allocUnsafe(CHUNK_BYTES);
  let at = 0;

  const flushChunk = (): void => {
    budget.spend(at);
    block.push(Buffer.from(out.subarray(0, at)));
    at = 0;
  };
  const write = (byte: number): void => {
    out[at++] = byte;
    if (at === CHUNK_BYTES) flushChunk();
  };
  /** Decodes one stream header or one block; returns the block's checked output. */
  const step = (reader: BitReader): Buffer[] => {
    if (level === 0) {
      level = bzip2.header(reader);
      streamCrc = 0;
      return [];
    }
    const size = 100_000 * level;
    if (work.length !== size) work = new Int32Array(size);
    block = [];
    at = 0;
    streamCrc = bzip2.decompress(reader, write, work, size, streamCrc);
    if (streamCrc === null) level = 0;
    else if (at > 0) flushChunk();
    return block;
  };
  const pending = (reader: BitReader) => received - reader.bytesRead;
  const run = (transform: Transform, final: boolean, callback: TransformCallback): void => {
    try {
      const reader = bits;
      if (reader) {
        while (final ? pending(reader) > 0 : pending(reader) + 1 >= blockInputBytes(level)) {
          for (const chunk of step(reader)) transform.push(chunk);
        }
        if (final && streamCrc !== null) throw new Error("the bzip2 stream ended prematurely");
      }
      callback();
    } catch (error) {
      callback(asError(error));
    }
  };

  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      queue.push(chunk);
      received += chunk.length;
      bits ??= bitIterator(() => queue.shift());
      run(this, false, callback);
    },
    flush(callback: TransformCallback) {
      run(this, true, callback);
    },
  });
}

import { Transform, type TransformCallback } from "node:stream";
import type { ScanBudget } from "./archive-limits.js";

/** What the bytes passing a counter are. */
export interface CountAs {
  /** Output of a decompressor that does not count for itself (node's gunzip, yauzl's inflate). */
  decompressed: boolean;
  /** The tar stream about to be parsed. */
  tar: boolean;
}

/**
 * A pass-through Transform that charges every byte to `budget`.
 * @example pipeline(file, createGunzip(), createByteCounter(budget, { decompressed: true, tar: true }), tarExtract)
 */
export function createByteCounter(budget: ScanBudget, as: CountAs): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      try {
        if (as.decompressed) budget.spend(chunk.length);
        if (as.tar) budget.tarBytes(chunk.length);
        callback(null, chunk);
      } catch (error) {
        callback(error instanceof Error ? error : new Error(String(error)));
      }
    },
  });
}

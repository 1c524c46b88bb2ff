import { Transform, type TransformCallback } from "node:stream";
import { Decompress } from "fzstd";
import type { ScanBudget } from "../shared/archive-limits.js";
import { ZstdWindowGuard } from "./zstd-window-guard.js";

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * A Transform that inflates a zstd stream (streaming, via fzstd), charging output to `budget`.
 * @example entryStream.pipe(createZstdTransform(budget)).pipe(tarExtract)
 */
export function createZstdTransform(budget: ScanBudget): Transform {
  let outer: Transform | undefined;
  const guard = new ZstdWindowGuard();
  const decoder = new Decompress((data: Uint8Array) => {
    budget.spend(data.length);
    // fzstd may hand out views of its window buffer, which later blocks overwrite.
    outer?.push(Buffer.from(data));
  });
  const run = (data: Uint8Array, final: boolean, callback: TransformCallback): void => {
    try {
      guard.inspect(data);
      decoder.push(data, final);
      callback();
    } catch (error) {
      callback(asError(error));
    }
  };
  outer = new Transform({
    transform: (chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) => run(chunk, false, callback),
    flush: (callback: TransformCallback) => run(new Uint8Array(0), true, callback),
  });
  return outer;
}

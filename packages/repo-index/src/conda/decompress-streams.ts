import { Transform, type TransformCallback } from "node:stream";
import { Decompress } from "fzstd";
import createBunzip2 from "unbzip2-stream";
import type { ByteBudget } from "./archive-limits.js";
import { ZstdWindowGuard } from "./zstd-window-guard.js";

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * A Transform that inflates a bzip2 stream, charging every output byte to `budget`.
 * @example source.pipe(createBunzip2Transform(budget)).pipe(tarExtract)
 */
export function createBunzip2Transform(budget: ByteBudget): Transform {
  // unbzip2-stream is a classic "through" stream that decodes synchronously inside write() and
  // end(), reporting failures as "error" events; wrapping it gives proper pipeline semantics.
  const inner = createBunzip2();
  let failure: Error | undefined;
  const feed = (action: () => void, callback: TransformCallback): void => {
    try {
      action();
    } catch (error) {
      failure ??= asError(error);
    }
    callback(failure);
  };
  const outer = new Transform({
    transform: (chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) =>
      feed(() => inner.write(chunk), callback),
    flush: (callback: TransformCallback) => feed(() => inner.end(), callback),
  });
  inner.on("data", (chunk: Buffer) => {
    // A throw here lands in the decoder's own try/catch and comes back as an "error" event.
    budget.spend(chunk.length);
    outer.push(chunk);
  });
  inner.on("error", (error: unknown) => {
    failure ??= asError(error);
  });
  return outer;
}

/**
 * A Transform that inflates a zstd stream (streaming, via fzstd), charging output to `budget`.
 * @example entryStream.pipe(createZstdTransform(budget)).pipe(tarExtract)
 */
export function createZstdTransform(budget: ByteBudget): Transform {
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

/** A pass-through Transform that charges every byte to `budget` (for zip entries inflated by yauzl). */
export function createByteCounter(budget: ByteBudget): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      try {
        budget.spend(chunk.length);
        callback(null, chunk);
      } catch (error) {
        callback(asError(error));
      }
    },
  });
}

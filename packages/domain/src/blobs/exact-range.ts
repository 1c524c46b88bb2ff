import type { ByteRange } from "./blob-store.js";

const CONTENT_RANGE = /^bytes (\d+)-(\d+)\/(\d+|\*)$/;

/**
 * Yields exactly the bytes of `wanted` from a store's ranged answer, whatever range the store
 * chose to send (its Content-Range; absent, the whole object). The API has already promised a
 * Content-Length, and some S3-compatible stores widen a range (s3rver turns `bytes=0-0` into the
 * whole object), so the bytes are trimmed here rather than trusted.
 *
 * @example
 * yield* exactRange(res.Body, res.ContentRange, { start: 0, end: 0 });
 */
export async function* exactRange(body: AsyncIterable<Uint8Array>, contentRange: string | undefined, wanted: ByteRange): AsyncGenerator<Uint8Array> {
  const match = contentRange ? CONTENT_RANGE.exec(contentRange) : null;
  const sentStart = match ? Number(match[1]) : 0;
  if (sentStart > wanted.start) throw new Error(`the object store sent bytes from ${sentStart}, not ${wanted.start}`);
  let skip = wanted.start - sentStart;
  let left = wanted.end - wanted.start + 1;
  for await (const chunk of body) {
    if (left <= 0) break;
    const from = Math.min(skip, chunk.byteLength);
    skip -= from;
    const piece = chunk.subarray(from, from + left);
    left -= piece.byteLength;
    if (piece.byteLength > 0) yield piece;
  }
  if (left > 0) throw new Error("the object store ended the range early");
}

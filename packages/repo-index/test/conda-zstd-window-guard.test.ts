import { decompress } from "fzstd";
import { describe, expect, it } from "vitest";
import { ZstdWindowGuard } from "../src/conda/zstd-window-guard.js";

const MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

// A single-segment frame holding one raw block: the smallest valid zstd frame for `text`.
function rawFrame(text: string, withChecksum = false): number[] {
  const bytes = [...Buffer.from(text)];
  const descriptor = 0x20 | (withChecksum ? 0x04 : 0);
  const block = 1 | (bytes.length << 3);
  const checksum = withChecksum ? [0, 0, 0, 0] : [];
  return [...MAGIC, descriptor, bytes.length, block & 0xff, (block >> 8) & 0xff, block >> 16, ...bytes, ...checksum];
}

// A frame header declaring a window of 2^(10 + exponent) bytes, followed by an empty last raw block.
function windowFrame(exponent: number): number[] {
  return [...MAGIC, 0x00, exponent << 3, 1, 0, 0];
}

function inspectInPieces(bytes: readonly number[], pieceSize: number, guard = new ZstdWindowGuard()): void {
  for (let i = 0; i < bytes.length; i += pieceSize) guard.inspect(Uint8Array.from(bytes.slice(i, i + pieceSize)));
}

function codeOf(action: () => void): string {
  try {
    action();
    return "ok";
  } catch (error) {
    return (error as { indexError?: { code: string } }).indexError?.code ?? "thrown";
  }
}

describe("ZstdWindowGuard", () => {
  const skippable = [0x50, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 9, 9, 9];
  const stream = [...rawFrame("hello "), ...skippable, ...rawFrame("world", true), ...windowFrame(17)];

  it("walks well-formed frames, skippable frames and checksums in any chunking", () => {
    expect(Buffer.from(decompress(Uint8Array.from(stream))).toString()).toBe("hello world");
    for (const piece of [1, 2, 3, 7, 1000]) expect(codeOf(() => inspectInPieces(stream, piece))).toBe("ok");
  });

  it("refuses a frame whose window is over the limit, even after a valid frame", () => {
    expect(codeOf(() => inspectInPieces(windowFrame(21), 1))).toBe("ARCHIVE_TOO_LARGE");
    expect(codeOf(() => inspectInPieces([...rawFrame("ok"), ...windowFrame(21)], 4))).toBe("ARCHIVE_TOO_LARGE");
    expect(codeOf(() => inspectInPieces(windowFrame(17), 3))).toBe("ok");
    expect(codeOf(() => inspectInPieces(windowFrame(10), 3, new ZstdWindowGuard(1 << 19)))).toBe("ARCHIVE_TOO_LARGE");
  });

  it("refuses a single-segment frame whose content size is over the limit", () => {
    const huge = [...MAGIC, 0xe0, 0, 0, 0, 0, 1, 0, 0, 0];
    expect(codeOf(() => inspectInPieces(huge, 5))).toBe("ARCHIVE_TOO_LARGE");
  });

  it("refuses data that is not zstd", () => {
    expect(codeOf(() => inspectInPieces([...Buffer.from("PK\u0003\u0004 not zstd")], 4))).toBe("ARCHIVE_INVALID");
  });
});

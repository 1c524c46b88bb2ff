import { ArchiveAbort } from "../shared/archive-limits.js";

/** zstd's own default decoder limit (window log 27); conda's writers stay below it. */
export const MAX_ZSTD_WINDOW_BYTES = 128 * 1024 * 1024;

const FRAME_MAGIC = 0xfd2fb528;
const SKIPPABLE_MAGIC_HIGH = 0x184d2a5;
const DICT_ID_BYTES = [0, 1, 2, 4] as const;
const CONTENT_SIZE_BYTES = [0, 2, 4, 8] as const;

type Field = "magic" | "skippableSize" | "descriptor" | "header" | "block";

function readLittleEndian(bytes: readonly number[], from: number, count: number): number {
  let value = 0;
  for (let i = count - 1; i >= 0; i--) value = value * 256 + (bytes[from + i] ?? 0);
  return value;
}

function corrupt(why: string): ArchiveAbort {
  return new ArchiveAbort({ code: "ARCHIVE_INVALID", message: `The zstd stream is corrupt: ${why}.` });
}

/**
 * Walks zstd frame and block headers (without decoding) and refuses frames whose window would
 * make the decoder allocate more than `maxWindowBytes`: fzstd allocates the declared window up
 * front, up to 2 GiB, so this check must run before each byte reaches it.
 */
export class ZstdWindowGuard {
  private field: Field = "magic";
  private want = 4;
  private pending: number[] = [];
  private skip = 0;
  private descriptor = 0;

  constructor(private readonly maxWindowBytes = MAX_ZSTD_WINDOW_BYTES) {}

  /** Inspects the next compressed bytes; throws ArchiveAbort on an oversized or corrupt frame. */
  inspect(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - i);
        this.skip -= n;
        i += n;
        continue;
      }
      this.pending.push(chunk[i] ?? 0);
      i += 1;
      if (this.pending.length === this.want) {
        const bytes = this.pending;
        this.pending = [];
        this.readField(bytes);
      }
    }
  }

  private expect(field: Field, want: number): void {
    this.field = field;
    this.want = want;
  }

  private readField(bytes: number[]): void {
    switch (this.field) {
      case "magic":
        this.readMagic(readLittleEndian(bytes, 0, 4));
        break;
      case "skippableSize":
        this.skip = readLittleEndian(bytes, 0, 4);
        this.expect("magic", 4);
        break;
      case "descriptor": {
        const d = bytes[0] ?? 0;
        this.descriptor = d;
        const singleSegment = (d >> 5) & 1;
        const contentSizeBytes = (CONTENT_SIZE_BYTES[d >> 6] ?? 0) || singleSegment;
        this.expect("header", (singleSegment ? 0 : 1) + (DICT_ID_BYTES[d & 3] ?? 0) + contentSizeBytes);
        break;
      }
      case "header":
        this.checkWindow(bytes);
        this.expect("block", 3);
        break;
      case "block":
        this.readBlockHeader(bytes);
        break;
    }
  }

  private readMagic(magic: number): void {
    if (magic === FRAME_MAGIC) this.expect("descriptor", 1);
    else if (Math.floor(magic / 16) === SKIPPABLE_MAGIC_HIGH) this.expect("skippableSize", 4);
    else throw corrupt("a frame does not start with the zstd magic number");
  }

  private checkWindow(header: number[]): void {
    const d = this.descriptor;
    const singleSegment = (d >> 5) & 1;
    let window: number;
    if (singleSegment) {
      // A single-segment frame's window is its whole content size.
      const sizeBytes = (CONTENT_SIZE_BYTES[d >> 6] ?? 0) || 1;
      const from = DICT_ID_BYTES[d & 3] ?? 0;
      window = readLittleEndian(header, from, sizeBytes) + (sizeBytes === 2 ? 256 : 0);
    } else {
      const w = header[0] ?? 0;
      const base = 2 ** (10 + (w >> 3));
      window = base + (base / 8) * (w & 7);
    }
    if (window > this.maxWindowBytes) {
      throw new ArchiveAbort({
        code: "ARCHIVE_TOO_LARGE",
        message: `A zstd frame needs a ${window}-byte window, over the ${this.maxWindowBytes}-byte limit.`,
      });
    }
  }

  private readBlockHeader(bytes: number[]): void {
    const header = readLittleEndian(bytes, 0, 3);
    const last = header & 1;
    const type = (header >> 1) & 3;
    if (type === 3) throw corrupt("a block has the reserved type");
    const checksumBytes = last && (this.descriptor >> 2) & 1 ? 4 : 0;
    // An RLE block stores one byte however long its output.
    this.skip = (type === 1 ? 1 : header >> 3) + checksumBytes;
    this.expect(last ? "magic" : "block", last ? 4 : 3);
  }
}

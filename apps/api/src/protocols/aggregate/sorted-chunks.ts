import type { Segment } from "./deflate-segments.js";

/** An item of an aggregate index: its sort key (unique within its list) and the project it belongs to. */
export interface Keyed {
  key: string;
  project: string;
}

/** What one viewer sees of a chunk: its visible entries and their rendered, compressed pieces. */
export interface ChunkView<E> {
  visible: E[];
  /** By document part and position (first of its list or not). */
  segments: Map<string, Segment>;
}

/** A run of consecutive entries; what is rendered and compressed as one piece. */
export class Chunk<E extends Keyed> {
  /** Per-viewer renders of this chunk's current entries; emptied on every edit. */
  readonly views = new Map<string, ChunkView<E>>();

  constructor(public entries: E[]) {}

  touch(): void {
    this.views.clear();
  }
}

function byKey(a: Keyed, b: Keyed): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Index of the first entry whose key is ≥ key. */
function lowerBound(entries: readonly Keyed[], key: string): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((entries[mid]?.key ?? "") < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Entries in code-unit order of their keys, held as chunks of about `target` entries so that an
 * edit touches (and makes re-render) one chunk out of hundreds. Chunks split when they double.
 */
export class SortedChunks<E extends Keyed> {
  chunks: Chunk<E>[] = [];

  constructor(
    entries: readonly E[],
    private readonly target = 256,
  ) {
    const sorted = [...entries].sort(byKey);
    for (let i = 0; i < sorted.length; i += target) this.chunks.push(new Chunk(sorted.slice(i, i + target)));
  }

  /** Every entry, in order. */
  *all(): Iterable<E> {
    for (const chunk of this.chunks) yield* chunk.entries;
  }

  /** Inserts an entry (replacing one with the same key). */
  insert(entry: E): void {
    const at = this.chunkFor(entry.key);
    const chunk = this.chunks[at];
    if (!chunk) {
      this.chunks.push(new Chunk([entry]));
      return;
    }
    const i = lowerBound(chunk.entries, entry.key);
    if (chunk.entries[i]?.key === entry.key) chunk.entries[i] = entry;
    else chunk.entries.splice(i, 0, entry);
    chunk.touch();
    if (chunk.entries.length > 2 * this.target) {
      const half = chunk.entries.length >>> 1;
      this.chunks.splice(at, 1, new Chunk(chunk.entries.slice(0, half)), new Chunk(chunk.entries.slice(half)));
    }
  }

  /** Removes the entry with this key, if any. */
  remove(key: string): void {
    const at = this.chunkFor(key);
    const chunk = this.chunks[at];
    if (!chunk) return;
    const i = lowerBound(chunk.entries, key);
    if (chunk.entries[i]?.key !== key) return;
    chunk.entries.splice(i, 1);
    chunk.touch();
    if (chunk.entries.length === 0) this.chunks.splice(at, 1);
  }

  /** The chunk a key belongs in: the last whose first key is ≤ key (the first chunk for smaller keys). */
  private chunkFor(key: string): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((this.chunks[mid]?.entries[0]?.key ?? "") <= key) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

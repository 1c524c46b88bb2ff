import type { RepoReader } from "@gatehouse/domain";
import { type AssembledDocument, type Segment, assemble, makeSegment } from "./deflate-segments.js";
import type { IndexEntry, ProjectIndex } from "./project-index.js";
import type { Chunk, ChunkView } from "./sorted-chunks.js";

/** A piece of a document: fixed text, or one list of the index rendered chunk by chunk. */
export type DocumentPart<E> =
  | { literal: string | Buffer }
  | {
      section: number;
      /** Names the rendering, so cached pieces of two renderings of one list never mix. */
      pass: string;
      /** Renders a chunk's visible entries; `leading`: its first entry is the first of the list. */
      render: (visible: readonly E[], leading: boolean) => Buffer;
    };

// Viewers with different private packages get their own renders; bound what one chunk keeps.
const MAX_VIEWS_PER_CHUNK = 16;

function toBuffer(text: string | Buffer): Buffer {
  return typeof text === "string" ? Buffer.from(text, "utf8") : text;
}

/**
 * One viewer's look at an index: what they may see of each chunk (privacy applied) and documents
 * assembled from the chunks' cached pieces. Pieces are cached only when `store` (the reader is not
 * older than the index's newest change), so a read that raced a change never leaves stale bytes.
 */
export class IndexView<E extends IndexEntry> {
  constructor(
    private readonly index: ProjectIndex<E>,
    private readonly reader: RepoReader,
    private readonly store: boolean,
  ) {}

  /** How many entries this viewer sees in each list. */
  counts(): number[] {
    return this.index.sections.map((list) => {
      let n = 0;
      for (const chunk of list.chunks) n += this.chunkView(chunk).visible.length;
      return n;
    });
  }

  /** Every entry this viewer sees in one list, in order (for renderers that need them all). */
  visible(section: number): E[] {
    const out: E[] = [];
    for (const chunk of this.index.sections[section]?.chunks ?? []) out.push(...this.chunkView(chunk).visible);
    return out;
  }

  /** The document made of these parts, with its gzip form; `withBody: false` for gzip-only files. */
  assemble(parts: readonly DocumentPart<E>[], withBody: boolean): AssembledDocument {
    return assemble(this.segments(parts), withBody);
  }

  /** The pieces of the document made of these parts, cached ones reused (see segmentDocument to serve them unjoined). */
  segments(parts: readonly DocumentPart<E>[]): Segment[] {
    const segments: Segment[] = [];
    for (const part of parts) {
      if ("literal" in part) {
        segments.push(makeSegment(toBuffer(part.literal)));
        continue;
      }
      let leading = true;
      for (const chunk of this.index.sections[part.section]?.chunks ?? []) {
        const view = this.chunkView(chunk);
        if (view.visible.length === 0) continue;
        const key = `${part.pass}\u0000${leading ? 1 : 0}`;
        let segment = view.segments.get(key);
        if (!segment) {
          segment = makeSegment(part.render(view.visible, leading));
          if (this.store) view.segments.set(key, segment);
        }
        segments.push(segment);
        leading = false;
      }
    }
    return segments;
  }

  private chunkView(chunk: Chunk<E>): ChunkView<E> {
    const key = this.reader.viewerKey;
    const cached = chunk.views.get(key);
    if (cached) return cached;
    const view: ChunkView<E> = { visible: this.reader.keepVisible(chunk.entries, (e) => e.project), segments: new Map() };
    if (this.store) {
      if (chunk.views.size >= MAX_VIEWS_PER_CHUNK) chunk.views.clear();
      chunk.views.set(key, view);
    }
    return view;
  }
}

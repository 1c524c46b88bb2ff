import type { Domain, RepoReader } from "@gatehouse/domain";
import { IndexView } from "./index-view.js";
import { type IndexEntry, type IndexSpec, ProjectIndex } from "./project-index.js";

interface Held<E extends IndexEntry, T> {
  index: ProjectIndex<E>;
  /** Documents by name and viewer key, valid for the index revision they were made at. */
  documents: Map<string, { revision: number; value: T }>;
}

// Index keys come from URLs (subdirs, labels, Bioconductor releases); bound what a crawler can make us keep.
const MAX_INDEXES = 1000;
const MAX_DOCUMENTS_PER_INDEX = 64;

/**
 * The `latest` aggregate indexes of one kind (conda repodata, R PACKAGES, the simple root) kept
 * incrementally, and the documents rendered from them per viewer. A publish costs the next request
 * one query for the changed project and the re-render of the chunks it touches, whatever the size
 * of the index.
 * Cleared by: a `package` change (that project is re-read in the indexes of repos serving its
 * source; a change naming no project drops those indexes); any other change but `token` (everything).
 */
export class AggregateIndexes<E extends IndexEntry, T> {
  private readonly held = new Map<string, Held<E, T>>();

  constructor(private readonly domain: Domain) {
    domain.bus.subscribe((change) => {
      if (change.kind === "package" && change.sourceId) {
        const generation = domain.catalog.generation;
        for (const [id, held] of this.held) {
          if (!held.index.sourceIds.has(change.sourceId)) continue;
          if (change.project) held.index.markDirty(change.project, generation);
          else this.held.delete(id);
        }
      } else if (change.kind !== "token") {
        this.held.clear();
      }
    });
  }

  /**
   * The document `name` of the index `key` for this reader's viewer, built by `build` when the
   * index changed since it was last made. Undefined when the reader began before the index was
   * made (a change raced this request): the caller renders in full, uncached.
   */
  async document(reader: RepoReader, key: string, spec: IndexSpec<E>, name: string, build: (view: IndexView<E>) => T): Promise<T | undefined> {
    const held = this.hold(reader, key, spec);
    const { index } = held;
    if (reader.generation < index.createdGeneration) return undefined;
    const docKey = `${name}\u0000${reader.viewerKey}`;
    const hit = held.documents.get(docKey);
    if (hit && index.isCurrent && hit.revision === index.revision) return hit.value;
    await index.update(reader);
    const store = reader.generation >= index.appliedGeneration;
    const value = build(new IndexView(index, reader, store));
    if (store) {
      if (held.documents.size >= MAX_DOCUMENTS_PER_INDEX) held.documents.clear();
      held.documents.set(docKey, { revision: index.revision, value });
    }
    return value;
  }

  private hold(reader: RepoReader, key: string, spec: IndexSpec<E>): Held<E, T> {
    const sources = reader.sources.map((s) => s.id);
    const id = `${reader.repo.id}\u0000${sources.join(",")}\u0000${key}`;
    let held = this.held.get(id);
    if (!held) {
      if (this.held.size >= MAX_INDEXES) this.held.clear();
      held = { index: new ProjectIndex(new Set(sources), spec, this.domain.catalog.generation), documents: new Map() };
      this.held.set(id, held);
    }
    return held;
  }
}

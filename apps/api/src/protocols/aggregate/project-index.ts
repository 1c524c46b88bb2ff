import type { CatalogFilter, PackageFileRow, RepoReader } from "@gatehouse/domain";
import { type Keyed, SortedChunks } from "./sorted-chunks.js";

/** One line (or record) of an aggregate index: which list it goes in, its sort key, its project. */
export interface IndexEntry extends Keyed {
  /** Which of the document's sorted lists it belongs to (conda: `packages` or `packages.conda`). */
  section: number;
}

/** What an aggregate index is made of and how a project's rows become entries. */
export interface IndexSpec<E extends IndexEntry> {
  /** Selects the index's files (a subdir and label, a Bioconductor release, or the whole repo). */
  filter: CatalogFilter;
  sections: number;
  /** The entries of one project, from all its rows the index sees (first source won, blocklist applied). */
  entriesOf(project: string, rows: readonly PackageFileRow[]): E[];
}

/**
 * The entries of one aggregate index of one repo as every viewer sees them before privacy, kept
 * between requests and sorted into chunks. After a change to a project only that project's rows are
 * read again (one small query), its entries replace the old ones, and the chunks they sit in are
 * re-rendered; the rest of the document is reused as it is. Per-viewer documents are built by
 * `IndexViews` from these chunks (privacy filters entries per chunk).
 */
export class ProjectIndex<E extends IndexEntry> {
  sections: SortedChunks<E>[] = [];
  /** Bumped on every edit: documents made at an older revision are stale. */
  revision = 0;
  /** Newest change generation applied to the entries (or the index's creation). */
  appliedGeneration: number;
  private readonly byProject = new Map<string, E[]>();
  private readonly dirty = new Set<string>();
  private dirtyGeneration = 0;
  private built = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly sourceIds: ReadonlySet<string>,
    private readonly spec: IndexSpec<E>,
    /** The catalog generation when this index was made: older readers may not build it. */
    readonly createdGeneration: number,
  ) {
    this.appliedGeneration = createdGeneration;
  }

  /** Whether the entries reflect every change seen. */
  get isCurrent(): boolean {
    return this.built && this.dirty.size === 0;
  }

  /** Notes that a project changed at `generation`; the next update reads it again. */
  markDirty(project: string, generation: number): void {
    this.dirty.add(project);
    this.dirtyGeneration = Math.max(this.dirtyGeneration, generation);
  }

  /** Brings the entries up to date (refreshes run one after another, so two never interleave). */
  update(reader: RepoReader): Promise<void> {
    const next = this.queue.then(() => (this.isCurrent ? undefined : this.refresh(reader)));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async refresh(reader: RepoReader): Promise<void> {
    // Taken before reading: a change arriving meanwhile stays marked and is read next time.
    const dirty = [...this.dirty];
    const generation = this.dirtyGeneration;
    this.dirty.clear();
    try {
      if (!this.built) await this.build(reader);
      else for (const project of dirty) this.replace(project, this.spec.entriesOf(project, await reader.sharedFiles(null, { ...this.spec.filter, project })));
    } catch (err) {
      for (const project of dirty) this.dirty.add(project);
      throw err;
    }
    this.appliedGeneration = Math.max(this.appliedGeneration, generation);
  }

  private async build(reader: RepoReader): Promise<void> {
    const rows = await reader.sharedFiles(null, this.spec.filter);
    const byProject = new Map<string, PackageFileRow[]>();
    for (const row of rows) {
      const list = byProject.get(row.project);
      if (list) list.push(row);
      else byProject.set(row.project, [row]);
    }
    const lists: E[][] = Array.from({ length: this.spec.sections }, () => []);
    for (const [project, projectRows] of byProject) {
      const entries = this.spec.entriesOf(project, projectRows);
      if (entries.length > 0) this.byProject.set(project, entries);
      for (const e of entries) lists[e.section]?.push(e);
    }
    this.sections = lists.map((list) => new SortedChunks(list));
    this.built = true;
    this.revision += 1;
  }

  // Always edits, even when the entries are equal: a change of privacy re-renders the chunks it touches.
  private replace(project: string, entries: E[]): void {
    const old = this.byProject.get(project) ?? [];
    if (old.length === 0 && entries.length === 0) return;
    for (const e of old) this.sections[e.section]?.remove(e.key);
    for (const e of entries) this.sections[e.section]?.insert(e);
    if (entries.length > 0) this.byProject.set(project, entries);
    else this.byProject.delete(project);
    this.revision += 1;
  }
}

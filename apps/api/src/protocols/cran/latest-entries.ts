import { type Domain, type RepoView, type VisibleFilter, selectVisibleFiles } from "@gatehouse/domain";
import { renderPackagesFile } from "@gatehouse/repo-index";
import { selectNewestPerPackage, toPackagesEntry } from "./packages-entries.js";

/** One package's PACKAGES record and its rendered DCF text. */
interface Row {
  entry: Record<string, string>;
  text: string;
}

interface FolderState {
  sourceIds: Set<string>;
  rows: Map<string, Row> | null;
  /** Projects changed since the last refresh. */
  dirty: Set<string>;
  /** Refreshes run one after another so two never interleave their edits. */
  queue: Promise<unknown>;
}

/** The entries of a folder's `latest` index, in PACKAGES order, and the index text they render to. */
export interface FolderEntries {
  entries: Record<string, string>[];
  text: string;
}

function toRow(entry: Record<string, string>): Row {
  return { entry, text: renderPackagesFile([entry]) };
}

/**
 * The `latest` PACKAGES entries of each folder, kept between renders: after a publish or removal only the
 * changed packages are read again (one small query each), so re-rendering a 25,000-package index after
 * a change does not re-read 25,000 rows. Any other change (repos, subscriptions) starts over.
 */
const MAX_FOLDERS = 1000;

export class LatestEntries {
  private readonly folders = new Map<string, FolderState>();

  constructor(private readonly domain: Domain) {
    domain.bus.subscribe((change) => {
      if (change.kind === "package" && change.sourceId && change.project) {
        for (const state of this.folders.values()) if (state.sourceIds.has(change.sourceId)) state.dirty.add(change.project);
      } else if (change.kind !== "token") {
        this.folders.clear();
      }
    });
  }

  /** The folder's entries now; `key` names the folder within the repo, `filter` selects its files. */
  load(view: RepoView, key: string, filter: VisibleFilter): Promise<FolderEntries> {
    const id = `${view.repo.id}\u0000${key}\u0000${view.sources.map((s) => s.id).join(",")}`;
    let state = this.folders.get(id);
    if (!state) {
      // Folder keys come from URLs (any Bioconductor version); bound what a crawler can make us keep.
      if (this.folders.size >= MAX_FOLDERS) this.folders.clear();
      state = { sourceIds: new Set(view.sources.map((s) => s.id)), rows: null, dirty: new Set(), queue: Promise.resolve() };
      this.folders.set(id, state);
    }
    const s = state;
    const next = s.queue.then(() => this.refresh(view, s, filter));
    s.queue = next.catch(() => undefined);
    return next;
  }

  private async refresh(view: RepoView, state: FolderState, filter: VisibleFilter): Promise<FolderEntries> {
    // Taken before reading: a change arriving meanwhile stays marked and is read next time.
    const dirty = [...state.dirty];
    state.dirty.clear();
    try {
      if (state.rows === null) {
        const files = await selectVisibleFiles(this.domain.db, view, null, filter);
        const rows = new Map<string, Row>();
        for (const [project, file] of selectNewestPerPackage(files)) rows.set(project, toRow(toPackagesEntry(file)));
        state.rows = rows;
      } else {
        for (const project of dirty) {
          const files = await selectVisibleFiles(this.domain.db, view, null, { ...filter, project });
          const newest = selectNewestPerPackage(files).get(project);
          if (newest) state.rows.set(project, toRow(toPackagesEntry(newest)));
          else state.rows.delete(project);
        }
      }
    } catch (err) {
      for (const project of dirty) state.dirty.add(project);
      throw err;
    }
    // Code-point order, as renderPackagesFile sorts (one record per package here).
    const projects = [...state.rows.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const entries: Record<string, string>[] = [];
    const texts: string[] = [];
    for (const p of projects) {
      const row = state.rows.get(p);
      if (!row) continue;
      entries.push(row.entry);
      texts.push(row.text);
    }
    return { entries, text: texts.join("\n") };
  }
}

import type { CatalogFilter, Domain, RepoReader } from "@gatehouse/domain";
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

/** One package's record of a folder's `latest` index and the DCF text it renders to. */
export interface FolderEntry {
  project: string;
  entry: Record<string, string>;
  text: string;
}

function toRow(entry: Record<string, string>): Row {
  return { entry, text: renderPackagesFile([entry]) };
}

const MAX_FOLDERS = 1000;

/**
 * The `latest` PACKAGES entries of each folder as every viewer sees them before privacy (the catalog's
 * shared files: first source wins, blocklist applied), kept between renders: after a publish or removal
 * only the changed packages are read again (one small query each), so re-rendering a 25,000-package
 * index after a change does not re-read 25,000 rows. Callers pass the result through the reader's
 * `keepVisible` before showing it to a viewer.
 * Cleared by: a `package` change (that project is re-read); any other change but `token` (everything).
 */

export class LatestEntries {
  private readonly folders = new Map<string, FolderState>();

  constructor(domain: Domain) {
    domain.bus.subscribe((change) => {
      if (change.kind === "package" && change.sourceId && change.project) {
        for (const state of this.folders.values()) if (state.sourceIds.has(change.sourceId)) state.dirty.add(change.project);
      } else if (change.kind !== "token") {
        this.folders.clear();
      }
    });
  }

  /** The folder's entries now; `key` names the folder within the repo, `filter` selects its files. */
  load(reader: RepoReader, key: string, filter: CatalogFilter): Promise<FolderEntry[]> {
    const id = `${reader.repo.id}\u0000${key}\u0000${reader.sources.map((s) => s.id).join(",")}`;
    let state = this.folders.get(id);
    if (!state) {
      // Folder keys come from URLs (any Bioconductor version); bound what a crawler can make us keep.
      if (this.folders.size >= MAX_FOLDERS) this.folders.clear();
      state = { sourceIds: new Set(reader.sources.map((s) => s.id)), rows: null, dirty: new Set(), queue: Promise.resolve() };
      this.folders.set(id, state);
    }
    const s = state;
    const next = s.queue.then(() => this.refresh(reader, s, filter));
    s.queue = next.catch(() => undefined);
    return next;
  }

  private async refresh(reader: RepoReader, state: FolderState, filter: CatalogFilter): Promise<FolderEntry[]> {
    // Taken before reading: a change arriving meanwhile stays marked and is read next time.
    const dirty = [...state.dirty];
    state.dirty.clear();
    try {
      if (state.rows === null) {
        const files = await reader.sharedFiles(null, filter);
        const rows = new Map<string, Row>();
        for (const [project, file] of selectNewestPerPackage(files)) rows.set(project, toRow(toPackagesEntry(file)));
        state.rows = rows;
      } else {
        for (const project of dirty) {
          const files = await reader.sharedFiles(null, { ...filter, project });
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
    const out: FolderEntry[] = [];
    for (const project of projects) {
      const row = state.rows.get(project);
      if (row) out.push({ project, entry: row.entry, text: row.text });
    }
    return out;
  }
}

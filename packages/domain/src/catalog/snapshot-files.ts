import type { Kysely } from "kysely";
import type { Database, PackageFileRow, RepoRow, SourceRow } from "../db/index.js";
import { findRepoByName, selectRepoSources } from "../repos/index.js";

/** A repo with its sources in priority order: what index routes serve from. */
export interface RepoView {
  repo: RepoRow;
  sources: SourceRow[];
}

/** Loads a repo and its subscriptions, or undefined (the catalog keeps them in memory). */
export async function loadRepoView(db: Kysely<Database>, name: string): Promise<RepoView | undefined> {
  const repo = await findRepoByName(db, name);
  if (!repo) return undefined;
  return { repo, sources: await selectRepoSources(db, repo.id) };
}

/** Narrows which files of a repo to return. */
export interface CatalogFilter {
  project?: string;
  subdir?: string;
  /** conda: only files carrying this label at the snapshot time. */
  label?: string;
  biocVersion?: string;
  /** Bioconductor section (`bioc`, `data/annotation`, …): software files have no subdir, mirrored files of the others carry the section as theirs. */
  biocSection?: string;
  filename?: string;
  sha256?: string;
}

/**
 * Files of a repo's sources as they were at `at` (null = now), before any
 * viewer rule: the catalog then applies first-source-wins, privacy and the
 * blocklist. History comes from publish/remove/label times; nothing is rebuilt per date.
 */
export async function selectSnapshotFiles(db: Kysely<Database>, view: RepoView, at: Date | null, filter: CatalogFilter = {}): Promise<PackageFileRow[]> {
  if (view.sources.length === 0) return [];
  const ids = view.sources.map((s) => s.id);
  let q = db.selectFrom("package_files").selectAll("package_files").where("package_files.source_id", "in", ids);
  if (at === null) q = q.where("package_files.removed_at", "is", null);
  else q = q.where("package_files.published_at", "<=", at).where((eb) => eb.or([eb("package_files.removed_at", "is", null), eb("package_files.removed_at", ">", at)]));
  if (filter.project !== undefined) q = q.where("package_files.project", "=", filter.project);
  if (filter.subdir !== undefined) q = q.where("package_files.subdir", "=", filter.subdir);
  if (filter.biocVersion !== undefined) q = q.where("package_files.bioc_version", "=", filter.biocVersion);
  if (filter.biocSection !== undefined) q = filter.biocSection === "bioc" ? q.where("package_files.subdir", "is", null) : q.where("package_files.subdir", "=", filter.biocSection);
  if (filter.filename !== undefined) q = q.where("package_files.filename", "=", filter.filename);
  if (filter.sha256 !== undefined) q = q.where("package_files.sha256", "=", filter.sha256);
  if (filter.label !== undefined) {
    const label = filter.label;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("file_labels")
          .select("file_labels.file_id")
          .whereRef("file_labels.file_id", "=", "package_files.id")
          .where("file_labels.label", "=", label)
          .where(at === null ? (e) => e("file_labels.removed_at", "is", null) : (e) => e.and([e("file_labels.added_at", "<=", at), e.or([e("file_labels.removed_at", "is", null), e("file_labels.removed_at", ">", at)])])),
      ),
    );
  }
  return q.execute();
}

/** Keeps, for each project+version(+subdir), only files of the highest-priority source holding it. */
export function firstSourceWins(rows: readonly PackageFileRow[], sourceOrder: readonly string[]): PackageFileRow[] {
  if (sourceOrder.length < 2) return [...rows];
  const rank = new Map(sourceOrder.map((id, i) => [id, i]));
  const best = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.project}\u0000${r.version}\u0000${r.subdir ?? ""}`;
    const k = rank.get(r.source_id) ?? Number.MAX_SAFE_INTEGER;
    const cur = best.get(key);
    if (cur === undefined || k < cur) best.set(key, k);
  }
  return rows.filter((r) => best.get(`${r.project}\u0000${r.version}\u0000${r.subdir ?? ""}`) === (rank.get(r.source_id) ?? Number.MAX_SAFE_INTEGER));
}

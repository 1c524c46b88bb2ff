import type { Insertable } from "kysely";
import type { PackageFilesTable } from "../../src/db/index.js";
import type { Domain } from "../../src/open-domain.js";

/** A file row as publishFile would have stored it after inspecting the file. */
export type SeedFile = Insertable<PackageFilesTable>;

/** What to add beside the file rows. */
export interface SeedOptions {
  /** Conda labels every file carries from the start (e.g. `["main"]`). */
  labels?: readonly string[];
}

const CHUNK = 1000;

/**
 * Test and bench support: inserts already-inspected files in bulk, with their
 * package rows (public) and labels, so a repo of 100,000 files fills in seconds.
 * It bypasses publishFile on purpose (no staging, hashing, blobs, audit or change
 * record): indexes and listings can be served from it, downloads cannot.
 *
 * @example await seedFiles(domain, rows, { labels: ["main"] })
 */
export async function seedFiles(domain: Domain, files: readonly SeedFile[], options: SeedOptions = {}): Promise<void> {
  const labels = options.labels ?? [];
  for (let start = 0; start < files.length; start += CHUNK) {
    const chunk = files.slice(start, start + CHUNK);
    if (chunk.length === 0) continue;
    await domain.db.insertInto("package_files").values(chunk).execute();
    const labelRows = chunk.flatMap((f) => labels.map((label) => ({ file_id: f.id, label, added_at: f.published_at, removed_at: null })));
    if (labelRows.length > 0) await domain.db.insertInto("file_labels").values(labelRows).execute();
    const packages = new Map(chunk.map((f) => [`${f.source_id}\0${f.project}`, { source_id: f.source_id, project: f.project, private: false, owner_id: null, updated_at: f.published_at }]));
    await domain.db
      .insertInto("packages")
      .values([...packages.values()])
      .onConflict((oc) => oc.columns(["source_id", "project"]).doNothing())
      .execute();
  }
}

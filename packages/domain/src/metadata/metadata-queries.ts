import type { Kysely, Selectable } from "kysely";
import type { Database, PackageNotesTable } from "../db/index.js";
import { foldPackageName } from "./note-input.js";

/** A stored note. */
export type NoteRow = Selectable<PackageNotesTable>;

/** The note of a package under a key, if set. */
export async function findNote(db: Kysely<Database>, name: string, key: string): Promise<NoteRow | undefined> {
  return db.selectFrom("package_notes").selectAll().where("name", "=", name).where("key", "=", key).executeTakeFirst();
}

/** Sets a note (insert or replace). */
export async function upsertNote(db: Kysely<Database>, row: NoteRow): Promise<void> {
  await db
    .insertInto("package_notes")
    .values(row)
    .onConflict((oc) => oc.columns(["name", "key"]).doUpdateSet({ value: row.value, updated_at: row.updated_at, updated_by: row.updated_by }))
    .execute();
}

/** Removes a note; false when there was none. */
export async function deleteNote(db: Kysely<Database>, name: string, key: string): Promise<boolean> {
  const result = await db.deleteFrom("package_notes").where("name", "=", name).where("key", "=", key).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Notes by package and key, optionally of one package. */
export async function selectNotes(db: Kysely<Database>, name?: string): Promise<NoteRow[]> {
  let q = db.selectFrom("package_notes").selectAll().orderBy("name").orderBy("key");
  if (name !== undefined) q = q.where("name", "=", name);
  return q.execute();
}

/** Folded names of the packages a repo serves now (live files in its subscribed sources). */
export async function selectRepoPackageNames(db: Kysely<Database>, repoId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("package_files")
    .innerJoin("repo_sources", "repo_sources.source_id", "package_files.source_id")
    .select("package_files.project")
    .distinct()
    .where("repo_sources.repo_id", "=", repoId)
    .where("package_files.removed_at", "is", null)
    .execute();
  return new Set(rows.map((r) => foldPackageName(r.project)));
}

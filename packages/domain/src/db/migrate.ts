import { type Kysely, type MigrationProvider, Migrator } from "kysely";
import { DomainError } from "../errors/index.js";
import { migrations } from "./migrations/index.js";
import type { Database } from "./schema.js";

const provider: MigrationProvider = {
  getMigrations: async () => migrations,
};

/** Brings the schema up to date; safe to call on every start and from several processes. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new DomainError("INTERNAL", `database migration failed: ${message}`);
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

import type { Kysely } from "kysely";

// Frozen once landed: later changes go in new migration files.

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema type.
export async function up(db: Kysely<any>): Promise<void> {
  // A remote source mirrors an upstream index; the token for it is named by an environment
  // variable of the server (never stored), so credentials never reach the database or listings.
  await db.schema.alterTable("sources").addColumn("upstream_url", "text").execute();
  await db.schema.alterTable("sources").addColumn("upstream_token_env", "text").execute();
  // Mirrored files are recorded as rows like uploads (published_at = when Gatehouse first saw them,
  // so dated snapshots of a mirror are reproducible); their bytes are fetched on first download.
  await db.schema.alterTable("package_files").addColumn("upstream_url", "text").execute();
  // When each mirrored project's upstream page was last read, for index freshness.
  await db.schema
    .createTable("remote_projects")
    .addColumn("source_id", "text", (c) => c.notNull().references("sources.id").onDelete("cascade"))
    .addColumn("project", "text", (c) => c.notNull())
    .addColumn("fetched_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("remote_projects_pk", ["source_id", "project"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("remote_projects").execute();
  await db.schema.alterTable("package_files").dropColumn("upstream_url").execute();
  await db.schema.alterTable("sources").dropColumn("upstream_token_env").execute();
  await db.schema.alterTable("sources").dropColumn("upstream_url").execute();
}

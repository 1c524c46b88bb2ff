import { type Kysely, sql } from "kysely";

// Frozen once landed: later changes go in new migration files.

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema type.
export async function up(db: Kysely<any>): Promise<void> {
  const now = sql`now()`;
  await db.schema
    .createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createTable("organizations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createTable("org_members")
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("org_members_pk", ["org_id", "user_id"])
    .execute();
  await db.schema
    .createTable("groups")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("groups_org_name_uq", ["org_id", "name"])
    .execute();
  await db.schema
    .createTable("group_members")
    .addColumn("group_id", "text", (c) => c.notNull().references("groups.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("group_members_pk", ["group_id", "user_id"])
    .execute();

  await db.schema
    .createTable("tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("guid", "text", (c) => c.notNull().unique())
    .addColumn("hash", "text", (c) => c.notNull().unique())
    .addColumn("display", "text", (c) => c.notNull())
    .addColumn("name", "text")
    .addColumn("style", "text", (c) => c.notNull())
    .addColumn("scopes", "jsonb", (c) => c.notNull())
    .addColumn("repos", "jsonb", (c) => c.notNull())
    .addColumn("sources", "jsonb", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("org_id", "text", (c) => c.references("organizations.id"))
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("expires_at", "timestamptz")
    .addColumn("revoked_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("last_used_at", "timestamptz")
    .execute();
  await db.schema.createIndex("tokens_user_idx").on("tokens").column("user_id").execute();
  // Anaconda-style names are unique per user among tokens not yet revoked.
  await sql`create unique index tokens_user_name_live_uq on tokens (user_id, name)
    where name is not null and revoked_at is null`.execute(db);

  await db.schema
    .createTable("audit_events")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("target", "text")
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("address", "text")
    .addColumn("detail", "jsonb", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_events_at_idx").on("audit_events").column("at").execute();

  await db.schema
    .createTable("sources")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createTable("repos")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("authenticated", "boolean", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createTable("repo_sources")
    .addColumn("repo_id", "text", (c) => c.notNull().references("repos.id").onDelete("cascade"))
    .addColumn("source_id", "text", (c) => c.notNull().references("sources.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("repo_sources_pk", ["repo_id", "source_id"])
    .execute();

  await db.schema
    .createTable("package_files")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("source_id", "text", (c) => c.notNull().references("sources.id"))
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("project", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("version", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("md5", "text", (c) => c.notNull())
    .addColumn("size", "bigint", (c) => c.notNull())
    .addColumn("subdir", "text")
    .addColumn("bioc_version", "text")
    .addColumn("metadata", "jsonb", (c) => c.notNull())
    .addColumn("uploaded_by", "text", (c) => c.notNull())
    .addColumn("published_at", "timestamptz", (c) => c.notNull())
    .addColumn("removed_at", "timestamptz")
    .addColumn("yanked_reason", "text")
    // A filename is never reused in a source, even after removal: the row stays.
    .addUniqueConstraint("package_files_source_filename_uq", ["source_id", "filename"])
    .execute();
  await db.schema
    .createIndex("package_files_source_project_idx")
    .on("package_files")
    .columns(["source_id", "project"])
    .execute();
  await db.schema.createIndex("package_files_sha256_idx").on("package_files").column("sha256").execute();

  await db.schema
    .createTable("file_labels")
    .addColumn("file_id", "text", (c) => c.notNull().references("package_files.id"))
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("added_at", "timestamptz", (c) => c.notNull())
    .addColumn("removed_at", "timestamptz")
    .execute();
  await db.schema.createIndex("file_labels_file_idx").on("file_labels").column("file_id").execute();

  await db.schema
    .createTable("packages")
    .addColumn("source_id", "text", (c) => c.notNull().references("sources.id"))
    .addColumn("project", "text", (c) => c.notNull())
    .addColumn("private", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("owner_id", "text", (c) => c.references("users.id"))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint("packages_pk", ["source_id", "project"])
    .execute();
  await db.schema
    .createTable("package_metadata")
    .addColumn("source_id", "text", (c) => c.notNull().references("sources.id"))
    .addColumn("project", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint("package_metadata_pk", ["source_id", "project", "key"])
    .execute();

  await db.schema
    .createTable("group_grants")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("group_id", "text", (c) => c.notNull().references("groups.id").onDelete("cascade"))
    .addColumn("repo_id", "text", (c) => c.notNull().references("repos.id").onDelete("cascade"))
    .addColumn("package", "text")
    .addColumn("permission", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable("blocklist_rules")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("package", "text", (c) => c.notNull())
    .addColumn("version_spec", "text")
    .addColumn("repo_id", "text", (c) => c.references("repos.id").onDelete("cascade"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("removed_at", "timestamptz")
    .execute();

  await db.schema
    .createTable("changes")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("source_id", "text")
    .addColumn("project", "text")
    .addColumn("kind", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "jsonb", (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "settings",
    "changes",
    "blocklist_rules",
    "group_grants",
    "package_metadata",
    "packages",
    "file_labels",
    "package_files",
    "repo_sources",
    "repos",
    "sources",
    "audit_events",
    "tokens",
    "group_members",
    "groups",
    "org_members",
    "organizations",
    "users",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}

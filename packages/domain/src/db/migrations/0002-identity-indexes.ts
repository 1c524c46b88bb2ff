import { type Kysely, sql } from "kysely";

// Frozen once landed: later changes go in new migration files.

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema type.
export async function up(db: Kysely<any>): Promise<void> {
  // Granting the same group the same repo (or package) twice updates the grant instead of duplicating it;
  // a null package (the whole repo) is one value here, hence the coalesce.
  await sql`create unique index group_grants_target_uq on group_grants (group_id, repo_id, coalesce(package, ''))`.execute(db);
  // Visibility and repo access look grants up by user on every cache miss.
  await db.schema.createIndex("group_members_user_idx").on("group_members").column("user_id").execute();
  await db.schema.createIndex("org_members_user_idx").on("org_members").column("user_id").execute();
  await db.schema.createIndex("packages_private_idx").on("packages").column("source_id").where(sql.ref("private"), "=", true).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("packages_private_idx").execute();
  await db.schema.dropIndex("org_members_user_idx").execute();
  await db.schema.dropIndex("group_members_user_idx").execute();
  await db.schema.dropIndex("group_grants_target_uq").execute();
}

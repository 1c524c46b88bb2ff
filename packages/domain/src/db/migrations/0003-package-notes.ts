import { type Kysely, sql } from "kysely";

// Frozen once landed: later changes go in new migration files.

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema type.
export async function up(db: Kysely<any>): Promise<void> {
  // Notes are about a package name whatever source or repo carries it (`gatehouse set metadata` names no source),
  // so the key is the name folded the same way for every kind: lowercase, runs of - _ . as one '-'.
  await db.schema
    .createTable("package_notes")
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_by", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("package_notes_pk", ["name", "key"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("package_notes").execute();
}

import { type Kysely, sql } from "kysely";

// Frozen once landed: later changes go in new migration files.

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema type.
export async function up(db: Kysely<any>): Promise<void> {
  // Blobs an upload in flight is about to reference: written (under the digest's lock) before the
  // bytes are committed, deleted in the transaction that records the file. Garbage collection
  // never takes a blob with a row here, so it cannot delete bytes a file row is about to name.
  await db.schema
    .createTable("pending_blobs")
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("owner", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("pending_blobs_pk", ["id", "sha256"])
    .execute();
  await db.schema.createIndex("pending_blobs_sha256_idx").on("pending_blobs").column("sha256").execute();
  // Wheels' PEP 658 metadata blobs are referenced from package_files.metadata; garbage collection
  // re-checks one digest at a time, which without this index reads the whole table each time.
  await db.schema
    .createIndex("package_files_core_metadata_idx")
    .on("package_files")
    .expression(sql`(metadata->>'coreMetadataSha256')`)
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("package_files_core_metadata_idx").execute();
  await db.schema.dropTable("pending_blobs").execute();
}

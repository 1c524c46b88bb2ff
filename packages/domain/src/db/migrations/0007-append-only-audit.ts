import { type Kysely, sql } from "kysely";

// Frozen once landed: later changes go in new migration files.

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema type.
export async function up(db: Kysely<any>): Promise<void> {
  // The request id the access log printed for the request that wrote the row, so one can be found from the other.
  await db.schema.alterTable("audit_events").addColumn("request_id", "text").execute();
  // The log is evidence: nothing in the product may rewrite or remove a row. A trigger (not a
  // revoked privilege) because the server connects as the table's owner, on PGlite as on Postgres.
  await sql`
    CREATE FUNCTION gatehouse_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END
    $$`.execute(db);
  await sql`
    CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION gatehouse_audit_append_only()`.execute(db);
  // TRUNCATE skips row triggers; a statement trigger refuses it too.
  await sql`
    CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION gatehouse_audit_append_only()`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER audit_events_no_truncate ON audit_events`.execute(db);
  await sql`DROP TRIGGER audit_events_append_only ON audit_events`.execute(db);
  await sql`DROP FUNCTION gatehouse_audit_append_only()`.execute(db);
  await db.schema.alterTable("audit_events").dropColumn("request_id").execute();
}

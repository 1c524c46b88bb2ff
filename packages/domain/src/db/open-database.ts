import { existsSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { makeTreeOwnerOnly } from "../lifecycle/data-dir-permissions.js";
import { type DataDirLock, acquireDataDirLock } from "./data-dir-lock.js";
import { OwnerOnlyNodeFS } from "./owner-only-nodefs.js";
import { PGliteDialect } from "./pglite-dialect.js";
import { PGLITE_START_PARAMS, initializeDataDirApart } from "./pglite-settings.js";
import type { Database } from "./schema.js";

/** Where the database lives: a Postgres server URL, or a folder for the embedded PGlite. */
export type DatabaseTarget =
  | { kind: "postgres"; url: string }
  | { kind: "pglite"; dataDir: string }
  /** In-memory PGlite, optionally started from a dump (tests start from a migrated template). */
  | { kind: "memory"; template?: Blob };

/** An open database handle plus how to close it. */
export interface OpenDatabase {
  db: Kysely<Database>;
  target: DatabaseTarget;
  lock: DataDirLock | null;
  /** PGlite only: a dump of the whole database, to start other in-memory databases from. */
  dump?: () => Promise<Blob>;
  close(): Promise<void>;
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * Opens the database: Postgres through `pg`, or PGlite in a folder (locked to this
 * process) or in memory. Both return int8 as a JS number so rows look the same.
 *
 * @example
 * const { db, close } = await openDatabase({ kind: "pglite", dataDir: ".gatehouse" }, "server");
 */
export async function openDatabase(target: DatabaseTarget, role = "gatehouse"): Promise<OpenDatabase> {
  if (target.kind === "postgres") {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: 10,
      types: {
        getTypeParser: ((oid: number, format?: "text" | "binary") =>
          oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    // An idle connection the server ends (a restart, a failover, pg_terminate_backend) is reported
    // here; unheard, it would crash the process. The pool drops it and the next query reconnects.
    pool.on("error", () => undefined);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, target, lock: null, close: () => db.destroy() };
  }
  const lock = target.kind === "pglite" ? acquireDataDirLock(target.dataDir, role) : null;
  try {
    const pgdata = target.kind === "pglite" ? join(target.dataDir, "pgdata") : undefined;
    if (pgdata && !existsSync(join(pgdata, "PG_VERSION"))) {
      await initializeDataDirApart(pgdata);
      // initdb's child writes every file 0666; later files are kept owner-only by OwnerOnlyNodeFS.
      await makeTreeOwnerOnly(pgdata);
    }
    const client = new PGlite({
      ...(pgdata ? { fs: new OwnerOnlyNodeFS(pgdata) } : {}),
      parsers: { [INT8_OID]: (v: string) => Number(v), [NUMERIC_OID]: (v: string) => Number(v) },
      startParams: [...PGLITE_START_PARAMS],
      ...(target.kind === "memory" && target.template ? { loadDataDir: target.template } : {}),
    });
    await client.waitReady;
    const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
    return {
      db,
      target,
      lock,
      dump: async () => {
        const blob = await client.dumpDataDir("none");
        return blob;
      },
      async close() {
        await db.destroy();
        lock?.release();
      },
    };
  } catch (err) {
    lock?.release();
    throw err;
  }
}

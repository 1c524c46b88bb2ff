import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { join } from "node:path";
import { repoRoot } from "./gatehouse.js";

/** The few calls of `pg.Client` used here (the e2e package does not depend on pg itself). */
interface PgClient {
  connect(): Promise<void>;
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
}
type PgModule = { Client: new (options: { connectionString: string }) => PgClient };

// pg is a dependency of the domain package, not of e2e: it is loaded from there rather than
// adding a second copy (and a lockfile change) for three statements.
function loadPg(): PgModule {
  return createRequire(join(repoRoot, "packages", "domain", "package.json"))("pg") as PgModule;
}

/** A database a real server is started on: the env it needs and how to throw it away. */
export interface ServerDatabase {
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** One database kind an e2e suite runs on; `skipReason` is set when it cannot run here. */
export interface ServerDatabaseVariant {
  name: "pglite" | "postgres";
  skipReason: string | null;
  create(): Promise<ServerDatabase>;
}

async function runAdminStatement(serverUrl: string, sql: string): Promise<void> {
  const client = new (loadPg().Client)({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * The databases a server-level suite runs on, as in the domain's `*.db.test.ts`: the embedded
 * PGlite always, a fresh database on TEST_DATABASE_URL's server when it is set. Under
 * GATEHOUSE_REQUIRE_POSTGRES=1 a missing TEST_DATABASE_URL is an error, never a silent skip.
 * @example for (const db of serverDatabaseVariants()) describe.skipIf(db.skipReason !== null)(db.name, …)
 */
export function serverDatabaseVariants(): ServerDatabaseVariant[] {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl && process.env.GATEHOUSE_REQUIRE_POSTGRES === "1") {
    throw new Error("GATEHOUSE_REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set: the Postgres-server variant must run");
  }
  const pglite: ServerDatabaseVariant = { name: "pglite", skipReason: null, create: async () => ({ env: {}, drop: async () => {} }) };
  const postgres: ServerDatabaseVariant = {
    name: "postgres",
    skipReason: serverUrl ? null : "TEST_DATABASE_URL is not set",
    async create() {
      if (!serverUrl) throw new Error("TEST_DATABASE_URL is not set");
      const name = `gh_matrix_${randomBytes(6).toString("hex")}`;
      await runAdminStatement(serverUrl, `create database ${name}`);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      return {
        env: { DATABASE_URL: url.toString() },
        drop: () => runAdminStatement(serverUrl, `drop database if exists ${name} with (force)`),
      };
    },
  };
  return [pglite, postgres];
}

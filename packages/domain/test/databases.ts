import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { migrateToLatest, openDatabase } from "../src/db/index.js";
import { type Domain, type DomainOptions, openDomain } from "../src/index.js";

/** One database the domain suite runs on. */
export interface TestDatabase {
  name: string;
  open(options?: Partial<DomainOptions>): Promise<Domain>;
}

const serverUrl = process.env.TEST_DATABASE_URL;
if (!serverUrl && process.env.GATEHOUSE_REQUIRE_POSTGRES === "1") {
  throw new Error("GATEHOUSE_REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set: the Postgres-server suite must run");
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

// Starting PGlite and migrating takes seconds; a migrated template, dumped once
// per test process and loaded for each test, takes a fraction of that.
let template: Promise<Blob> | undefined;
function migratedTemplate(): Promise<Blob> {
  template ??= (async () => {
    const db = await openDatabase({ kind: "memory" });
    await migrateToLatest(db.db);
    const dump = db.dump;
    if (!dump) throw new Error("PGlite should offer dump()");
    const blob = await dump();
    await db.close();
    return blob;
  })();
  return template;
}

/**
 * The databases every `*.db.test.ts` runs on: PGlite always, a Postgres server
 * when TEST_DATABASE_URL is set. Each open gets a fresh, empty database.
 */
export const testDatabases: TestDatabase[] = [
  {
    name: "pglite",
    async open(options = {}) {
      const dataDir = mkdtempSync(join(tmpdir(), "gh-domain-"));
      const domain = await openDomain({ dataDir, memory: true, memoryTemplate: await migratedTemplate(), ...options });
      const close = domain.close;
      return Object.assign(domain, {
        close: async () => {
          await close();
          rmSync(dataDir, { recursive: true, force: true });
        },
      });
    },
  },
];

if (serverUrl) {
  testDatabases.push({
    name: "postgres",
    async open(options = {}) {
      const name = `gh_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const dataDir = mkdtempSync(join(tmpdir(), "gh-domain-"));
      const domain = await openDomain({ dataDir, databaseUrl: withDatabase(serverUrl, name), ...options });
      const close = domain.close;
      return Object.assign(domain, {
        close: async () => {
          await close();
          rmSync(dataDir, { recursive: true, force: true });
          const drop = new pg.Client({ connectionString: serverUrl });
          await drop.connect();
          await drop.query(`drop database if exists ${name} with (force)`);
          await drop.end();
        },
      });
    },
  });
}

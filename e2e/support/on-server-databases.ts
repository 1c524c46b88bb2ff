import { afterAll, beforeAll, describe } from "vitest";
import { type ServerDatabase, type ServerDatabaseVariant, serverDatabaseVariants } from "./server-databases.js";

/** The database one run of a suite starts its server on. */
export interface SuiteDatabase {
  name: ServerDatabaseVariant["name"];
  /** What to start the server with (DATABASE_URL of a fresh database on Postgres; nothing on PGlite). Only in hooks and tests. */
  env(): Record<string, string>;
}

/**
 * Declares a real-client suite once and runs it on the embedded PGlite and on a fresh database of
 * the Postgres server (TEST_DATABASE_URL), so the server's Postgres path is exercised by the same
 * assertions. A suite that cannot run (`skipReason`, or no server) is skipped with the reason in
 * its title; under GATEHOUSE_REQUIRE_POSTGRES=1 a missing server fails instead (see
 * serverDatabaseVariants). The database is created before the suite's own beforeAll and dropped
 * after its afterAll (vitest runs after-hooks in reverse).
 *
 * @example
 * describeOnServerDatabases("python repos", null, (db) => {
 *   beforeAll(async () => { gh = await startGatehouse({ env: db.env() }); });
 * });
 */
export function describeOnServerDatabases(title: string, skipReason: string | null, suite: (db: SuiteDatabase) => void): void {
  for (const variant of serverDatabaseVariants()) {
    const reason = skipReason ?? variant.skipReason;
    describe.skipIf(reason !== null)(`${title} on ${variant.name}${reason ? ` (skipped: ${reason})` : ""}`, () => {
      let created: ServerDatabase | undefined;
      beforeAll(async () => {
        created = await variant.create();
      });
      afterAll(async () => {
        await created?.drop();
      });
      suite({
        name: variant.name,
        env() {
          if (!created) throw new Error(`the ${variant.name} database was not created (see beforeAll)`);
          return created.env;
        },
      });
    });
  }
}

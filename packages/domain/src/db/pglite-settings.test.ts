import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "./open-database.js";
import { initializeDataDirApart } from "./pglite-settings.js";

const dir = mkdtempSync(join(tmpdir(), "gh-pglite-settings-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("embedded database set-up", () => {
  it("creates the data folder in a child process, once, and opens it with small shared buffers", async () => {
    const pgdata = join(dir, "pgdata");
    await initializeDataDirApart(pgdata);
    expect(existsSync(join(pgdata, "PG_VERSION"))).toBe(true);
    expect(readdirSync(dir)).toEqual(["pgdata"]);
    const made = statSync(join(pgdata, "PG_VERSION")).mtimeMs;
    await initializeDataDirApart(pgdata);
    expect(statSync(join(pgdata, "PG_VERSION")).mtimeMs).toBe(made);

    const database = await openDatabase({ kind: "pglite", dataDir: dir }, "test");
    try {
      const shown = await sql<{ shared_buffers: string }>`show shared_buffers`.execute(database.db);
      expect(shown.rows[0]?.shared_buffers).toBe("16MB");
    } finally {
      await database.close();
    }
  }, 120_000);
});

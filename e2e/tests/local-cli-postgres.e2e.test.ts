import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningGatehouse, runCli, startGatehouse } from "../support/gatehouse.js";
import { type ServerDatabase, serverDatabaseVariants } from "../support/server-databases.js";

// The local CLI on the machine of a server on Postgres, run without DATABASE_URL: it talks to the
// running server through its admin socket, and once the server is gone it says how to reach that
// database instead of quietly creating an empty embedded one in the data folder.

const postgres = serverDatabaseVariants().find((v) => v.name === "postgres");

describe.skipIf(postgres?.skipReason !== null)(`the local CLI of a server on Postgres${postgres?.skipReason ? ` (skipped: ${postgres.skipReason})` : ""}`, () => {
  let db: ServerDatabase | undefined;
  let node: RunningGatehouse | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), "gh-local-pg-"));
  // No DATABASE_URL: what an operator who only knows the data folder runs.
  const cli = (args: string[]) => runCli(args, { GATEHOUSE_DATA_DIR: dataDir });

  beforeAll(async () => {
    if (!postgres) throw new Error("no postgres variant");
    db = await postgres.create();
    node = await startGatehouse({ env: db.env, dataDir });
  });
  afterAll(async () => {
    await node?.stop();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("goes through the running server's admin socket", async () => {
    const created = cli(["create", "repo", "--name", "pg-local", "--type", "python"]);
    expect(created.code, created.stderr).toBe(0);
    // The server has it at once (no wait for a change to reach it), and no database was created here.
    const res = await fetch(`${node?.url}/pg-local/simple/`);
    expect(res.status).toBe(200);
    expect(existsSync(join(dataDir, "pgdata"))).toBe(false);
  });

  it("once the server has stopped, says how to fix it instead of creating an empty database", async () => {
    await node?.stop();
    node = undefined;
    const r = cli(["list", "repos"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/belongs to a Gatehouse server on Postgres \(postgres:\/\/postgres@127\.0\.0\.1:5432\/gh_matrix_\w+\), which is not running/);
    expect(r.stderr).toMatch(/DATABASE_URL/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dataDir, "pgdata"))).toBe(false);
    // With the database named, the CLI works on it directly.
    const direct = runCli(["list", "repos"], { GATEHOUSE_DATA_DIR: dataDir, ...db?.env });
    expect(direct.code, direct.stderr).toBe(0);
    expect(direct.stdout).toContain("pg-local");
  });
});

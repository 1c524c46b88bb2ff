import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { type Domain, mintFirstAdminTokenIfEmpty, openDomain } from "../src/index.js";
import "./databases.js"; // its GATEHOUSE_REQUIRE_POSTGRES guard: a missing server fails, not skips

// Several nodes started together on one empty database: only a Postgres server has several
// processes (PGlite is one process's database, its tokens.db.test case is in tokens.db.test.ts).
const serverUrl = process.env.TEST_DATABASE_URL;

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function openNodes(url: string, count: number): Promise<{ domains: Domain[]; close(): Promise<void> }> {
  const dirs = Array.from({ length: count }, () => mkdtempSync(join(tmpdir(), "gh-first-admin-")));
  const domains = await Promise.all(dirs.map((dataDir) => openDomain({ dataDir, databaseUrl: url })));
  return {
    domains,
    async close() {
      await Promise.all(domains.map((d) => d.close()));
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe.skipIf(!serverUrl)("first admin token with several nodes on one Postgres database", () => {
  it("is minted by exactly one of three nodes racing on an empty database, three times out of three", async () => {
    for (let round = 0; round < 3; round++) {
      const name = `gh_first_admin_${process.pid}_${round}_${Math.random().toString(36).slice(2, 8)}`;
      await adminQuery(`create database ${name}`);
      const url = new URL(String(serverUrl));
      url.pathname = `/${name}`;
      const nodes = await openNodes(url.toString(), 3);
      try {
        // Without the lock each node counts zero tokens before any inserts, and all three mint.
        const minted = await Promise.all(nodes.domains.map((d) => mintFirstAdminTokenIfEmpty(d)));
        expect(minted.filter((m) => m !== null)).toHaveLength(1);
      } finally {
        await nodes.close();
        await adminQuery(`drop database if exists ${name} with (force)`);
      }
    }
  });
});

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot, runCli } from "../support/gatehouse.js";
import { serverDatabaseVariants } from "../support/server-databases.js";

// `gatehouse serve --config FILE` with a real file: its settings are used, the environment
// overrides them, and a bad file stops start-up naming the key (every rule of the file is tested
// in apps/api/src/config-file.test.ts; `npm run serve` passes its arguments to this command).

const work = mkdtempSync(join(tmpdir(), "gh-config-e2e-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
// On the Postgres server when there is one (it starts faster than a fresh embedded database).
const postgres = serverDatabaseVariants().find((v) => v.name === "postgres" && v.skipReason === null);

function configFile(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      s.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function bannerOf(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`no banner:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("API docs:")) {
        clearTimeout(timer);
        resolve(output);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
}

describe("serve --config", () => {
  it("uses the file's settings, with the environment overriding them, and stops on SIGTERM", async () => {
    const port = await freePort();
    const fileData = join(work, "from-file");
    const envData = join(work, "from-env");
    const db = await postgres?.create();
    const databaseLine = db?.env.DATABASE_URL ? `database_url = "${db.env.DATABASE_URL}"\n` : "";
    const path = configFile("good.toml", `host = "127.0.0.1"\nport = ${port}\ndata_dir = "${fileData}"\nlog_level = "warn"\n${databaseLine}\n[auth]\nfailure_limit = 3\n`);
    const child = spawn(process.execPath, [join(repoRoot, "apps/cli/bin/run.js"), "serve", "--config", path], {
      cwd: work,
      env: { ...process.env, GATEHOUSE_DATA_DIR: envData, GATEHOUSE_ADDRESS: undefined, GATEHOUSE_TOKEN: undefined, DATABASE_URL: undefined, GATEHOUSE_PORT: undefined, GATEHOUSE_HOST: undefined },
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      const banner = await bannerOf(child);
      expect(banner).toContain(`listening on http://127.0.0.1:${port} (data: ${envData})`);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      // auth.failure_limit = 3 from the file: the fourth failed authentication is refused with 429.
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await fetch(`http://127.0.0.1:${port}/__api__/whoami`, { headers: { authorization: "Bearer gth-wrong" } })).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      await db?.drop();
    }
  });

  it.each([
    ["an unknown key", "prot = 4242\n", "unknown key 'prot' (did you mean 'port'?)"],
    ["a value the setting refuses", "port = 70000\n", 'invalid setting port = "70000" in'],
  ])("refuses %s, naming the key, without a stack trace", (_what, text, message) => {
    const path = configFile(`bad-${Math.random().toString(36).slice(2)}.toml`, text);
    const r = runCli(["serve", "--config", path, "--data", join(work, "never")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The repository root (e2e tests run the built CLI of the working tree). */
export const repoRoot = join(import.meta.dirname, "..", "..");
const cliBin = join(repoRoot, "apps", "cli", "bin", "run.js");

/** Output of one CLI run. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A real Gatehouse server started for a test, on a free loopback port. */
export interface RunningGatehouse {
  url: string;
  host: string;
  port: number;
  dataDir: string;
  adminToken: string;
  process: ChildProcess;
  /** Everything the server printed so far (banner and logs). */
  logs(): string;
  /** Runs the CLI in local mode against this server's data folder (it talks to the server). */
  cli(args: readonly string[], env?: Record<string, string>): CliResult;
  /** Runs the CLI in remote mode with a token. */
  remote(args: readonly string[], token: string, env?: Record<string, string>): CliResult;
  stop(): Promise<void>;
}

/** Runs the CLI of the working tree. */
export function runCli(args: readonly string[], env: Record<string, string | undefined> = {}, cwd = repoRoot): CliResult {
  const r = spawnSync(process.execPath, [cliBin, ...args], {
    cwd,
    env: { ...process.env, GATEHOUSE_ADDRESS: undefined, GATEHOUSE_TOKEN: undefined, DATABASE_URL: undefined, ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

// On a Postgres server the data folder holds no database (and no lock naming the server), so the
// local CLI is given the server's DATABASE_URL, as an operator on that machine would be.
function databaseOf(env: Record<string, string> | undefined): Record<string, string> {
  return env?.DATABASE_URL ? { DATABASE_URL: env.DATABASE_URL } : {};
}

const READ_ONLY_VERBS = new Set(["list", "explain", "info", "whoami", "audit", "client-config"]);
// Two of the server's 250 ms change polls, with room for a loaded machine.
const CHANGE_SETTLE_MS = 600;

/**
 * The local CLI. On PGlite it goes through the server's admin socket, so the server has a change
 * when the command returns. On Postgres it is a process of its own on the shared database (like
 * another node), and the server learns its changes from the `changes` table within its poll
 * period: after a command that may change something, wait for that, so suites written for the
 * socket ("the next request sees it") assert the same on both databases.
 */
function runLocalCli(args: readonly string[], env: Record<string, string>): CliResult {
  const result = runCli(args, env);
  if (env.DATABASE_URL && result.code === 0 && !READ_ONLY_VERBS.has(args[0] ?? "")) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, CHANGE_SETTLE_MS);
  }
  return result;
}

/**
 * Starts `gatehouse serve --port 0` on a fresh data folder and waits for its
 * banner, which names the URL and the first admin token.
 */
export async function startGatehouse(options: { env?: Record<string, string>; dataDir?: string } = {}): Promise<RunningGatehouse> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "gh-e2e-"));
  const child = spawn(process.execPath, [cliBin, "serve", "--host", "127.0.0.1", "--port", "0", "--data", dataDir], {
    cwd: repoRoot,
    env: { ...process.env, GATEHOUSE_LOG_LEVEL: "warn", GATEHOUSE_ADDRESS: undefined, GATEHOUSE_TOKEN: undefined, DATABASE_URL: undefined, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const banner = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      const token = /^\s+(gth-[A-Za-z0-9]{46})\s*$/m.exec(output)?.[1];
      const apiDocs = output.includes("API docs:");
      if (url && apiDocs) {
        clearTimeout(timer);
        resolve({ url, token: token ?? "" });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  const u = new URL(banner.url);
  return {
    url: banner.url,
    host: u.hostname,
    port: Number(u.port),
    dataDir,
    adminToken: banner.token,
    process: child,
    logs: () => output,
    cli: (args, env = {}) => runLocalCli(args, { GATEHOUSE_DATA_DIR: dataDir, ...databaseOf(options.env), ...env }),
    remote: (args, token, env = {}) => runCli(args, { GATEHOUSE_ADDRESS: banner.url, GATEHOUSE_TOKEN: token, ...env }),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

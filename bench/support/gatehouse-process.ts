import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
// The flags `npm run serve` and the Docker image start the server with, so the bench measures that server.
import { SERVER_NODE_FLAGS } from "../../tooling/scripts/server-flags.mjs";

/** The monorepo's root folder. */
export const repoRoot = join(import.meta.dirname, "..", "..");

/** A running `gatehouse serve` child process and the URL its banner announced. */
export interface GatehouseProcess {
  url: string;
  child: ChildProcess;
  /** The first admin token the banner showed (empty when the data folder already had tokens). */
  adminToken: string;
}

/**
 * Starts the built server (`gatehouse serve` on a free loopback port) over `dataDir` and waits for its
 * banner. Without `databaseUrl` it uses the embedded database, whatever DATABASE_URL the shell has.
 * @example const gh = await startGatehouseProcess(join(work, "data")); // … gh.child.kill("SIGTERM")
 */
export async function startGatehouseProcess(dataDir: string, options: { databaseUrl?: string } = {}): Promise<GatehouseProcess> {
  if (!existsSync(join(repoRoot, "apps", "cli", "dist"))) throw new Error("build first: pnpm exec turbo run build");
  const cliBin = join(repoRoot, "apps", "cli", "bin", "run.js");
  // BENCH_FROM_SOURCE=1 runs the workspace packages from their sources (no build needed; same code).
  const fromSource = process.env.BENCH_FROM_SOURCE === "1" ? ["--conditions=source", "--import", "tsx"] : [];
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...fromSource, cliBin, "serve", "--host", "127.0.0.1", "--port", "0", "--data", dataDir], {
    env: { ...process.env, GATEHOUSE_LOG_LEVEL: "warn", DATABASE_URL: options.databaseUrl },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(output);
      // The docs line comes last: once it is out, the server takes requests.
      if (m?.[1] && output.includes("API docs:")) resolve(m[1]);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`gatehouse exited with ${code}: ${output}`)));
  });
  const adminToken = /^\s+(gth-[A-Za-z0-9]{46})\s*$/m.exec(output)?.[1] ?? "";
  return { url, child, adminToken };
}

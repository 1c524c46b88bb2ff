import { spawn } from "node:child_process";
import { existsSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";

/**
 * Postgres settings of the embedded database. PGlite keeps Postgres's shared
 * memory in its WASM heap, which never shrinks, and initdb's defaults
 * (shared_buffers = 128MB for 100 connections) make that heap grow past its
 * first 128 MiB as soon as a large table is read. 16 MB of buffers for the one
 * session there is keeps the heap inside its first reservation; pages not in
 * the buffers are read from the data files, which the OS keeps in its page
 * cache (outside this process). WAL buffers follow shared_buffers (1/32).
 */
export const PGLITE_START_PARAMS: readonly string[] = [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB", "-c", "max_connections=8"];

const require = createRequire(import.meta.url);

// Runs in a child process: creates the data folder with initdb and closes.
const INIT_SCRIPT = `
const { PGlite } = require(process.argv[1]);
(async () => {
  const pg = new PGlite(process.argv[2]);
  await pg.waitReady;
  await pg.close();
})().catch((err) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
`;

/**
 * Creates a PGlite data folder in a child process when there is none yet.
 * PGlite runs initdb in a second WASM instance inside the opening process, and
 * that costs the process about 500 MiB of resident memory it never gives back
 * (measured: 845 MiB after a first start, 380 MiB after a later one). The child
 * writes into a sibling folder that is renamed into place when complete, so a
 * start killed half-way leaves no half-made database behind.
 *
 * @example await initializeDataDirApart(join(dataDir, "pgdata"))
 */
export async function initializeDataDirApart(pgdata: string): Promise<void> {
  if (existsSync(join(pgdata, "PG_VERSION"))) return;
  const staging = `${pgdata}.init-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const entry = require.resolve("@electric-sql/pglite");
  const output = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", INIT_SCRIPT, entry, staging], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, stderr }));
  });
  if (output.code !== 0 || !existsSync(join(staging, "PG_VERSION"))) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`could not create the embedded database in ${pgdata}: ${output.stderr.trim() || `initdb exited with ${output.code}`}`);
  }
  // An empty folder left by an earlier PGlite is replaced; one with data never gets here (PG_VERSION).
  rmSync(pgdata, { recursive: true, force: true });
  renameSync(staging, pgdata);
}

// Resident memory (VmRSS) of the server process itself (the built `gatehouse serve`), on the
// embedded database (PGlite) and on a Postgres server: after a first start on an empty folder
// (PGlite), idle with 20,000 projects, its peak under `wrk -t2 -c32` over the authenticated
// /simple/<project>/ pages of all 20,000 projects (Basic token; the page cache fills as wrk goes),
// and a few seconds after. Goals: PGlite ≤ 200 MiB idle and ≤ 300 MiB under load, Postgres ≤ 150 MiB.
// Postgres: DATABASE_URL, or postgres://postgres@127.0.0.1:5432; a fresh database is created and dropped with psql.
// BENCH_SECONDS (default 10) of load, BENCH_PROJECTS (default 20,000).
import { type ChildProcess, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startGatehouseProcess } from "../support/gatehouse-process.js";
import { readProcessMemory, timeWithPeakRss } from "../support/process-memory.js";
import { AUTH_REPO, populatePythonRepos, projectName } from "../support/python-repos.js";
import { requireWrk, runWrk, writePathList } from "../support/wrk.js";

const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 20_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const POSTGRES = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

interface Row {
  database: string;
  state: string;
  rssMb: number;
  goalMb: number | null;
  note?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function measure(database: string, dataDir: string, databaseUrl: string | undefined, work: string, goals: { idle: number; load: number }): Promise<Row[]> {
  const token = await populatePythonRepos({ dataDir, ...(databaseUrl ? { databaseUrl } : {}) }, PROJECTS);
  const gh = await startGatehouseProcess(dataDir, databaseUrl ? { databaseUrl } : {});
  const pid = gh.child.pid ?? 0;
  try {
    await sleep(5_000);
    const idle = readProcessMemory(pid).rssMb;
    const pathsFile = writePathList(work, `memory-${database}`, Array.from({ length: PROJECTS }, (_, i) => `/${AUTH_REPO}/latest/simple/${projectName(i)}/`));
    const authorization = `Basic ${Buffer.from(`__token__:${token}`).toString("base64")}`;
    const loaded = await timeWithPeakRss(pid, () => runWrk({ origin: gh.url, pathsFile, seconds: SECONDS, headers: { authorization } }));
    await sleep(3_000);
    const after = readProcessMemory(pid).rssMb;
    const wrk = loaded.out;
    return [
      { database, state: "idle, 20,000 projects", rssMb: idle, goalMb: goals.idle },
      { database, state: `peak under wrk (${SECONDS} s)`, rssMb: loaded.peakRssMb, goalMb: goals.load, note: `${wrk.rps.toFixed(0)} req/s, ${wrk.statusErrors + wrk.socketErrors} errors` },
      { database, state: "3 s after the load", rssMb: after, goalMb: goals.load },
    ];
  } finally {
    await stop(gh.child);
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await Promise.race([exited, sleep(5_000)]);
}

async function firstStart(dataDir: string): Promise<Row> {
  const gh = await startGatehouseProcess(dataDir);
  try {
    await sleep(3_000);
    return { database: "pglite", state: "first start (empty folder)", rssMb: readProcessMemory(gh.child.pid ?? 0).rssMb, goalMb: 200 };
  } finally {
    await stop(gh.child);
  }
}

function psql(url: string, command: string): boolean {
  return spawnSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-q", "-c", command], { stdio: ["ignore", "ignore", "pipe"] }).status === 0;
}

async function withFreshPostgres<T>(work: (url: string) => Promise<T>): Promise<T | undefined> {
  const name = `gh_bench_memory_${process.pid}`;
  if (!psql(POSTGRES, `create database ${name}`)) {
    console.log(`(no Postgres reachable with psql at ${POSTGRES.replace(/\/\/[^@]*@/, "//…@")}: its rows are left out)`);
    return undefined;
  }
  try {
    const url = new URL(POSTGRES);
    url.pathname = `/${name}`;
    return await work(url.toString());
  } finally {
    psql(POSTGRES, `drop database if exists ${name} with (force)`);
  }
}

requireWrk();
const work = mkdtempSync(join(tmpdir(), "gh-bench-memory-"));
try {
  const rows: Row[] = [await firstStart(join(work, "first"))];
  rows.push(...(await measure("pglite", join(work, "pglite"), undefined, work, { idle: 200, load: 300 })));
  rows.push(...((await withFreshPostgres((url) => measure("postgres", join(work, "postgres"), url, work, { idle: 150, load: 150 }))) ?? []));
  console.log(`\nserver process RSS (VmRSS), ${PROJECTS.toLocaleString("en")} projects × 2 wheels; load: wrk -t2 -c32, random authenticated project pages of all projects\n`);
  console.log(`${"database".padEnd(10)}${"state".padEnd(30)}${"RSS MiB".padStart(9)}${"goal".padStart(10)}  result`);
  for (const r of rows) {
    const goal = r.goalMb === null ? "—" : `≤ ${r.goalMb}`;
    const result = r.goalMb === null ? "" : r.rssMb <= r.goalMb ? "pass" : "FAIL";
    console.log(`${r.database.padEnd(10)}${r.state.padEnd(30)}${r.rssMb.toFixed(0).padStart(9)}${goal.padStart(10)}  ${result}${r.note ? `  (${r.note})` : ""}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

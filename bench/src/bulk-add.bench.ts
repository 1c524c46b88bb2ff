// Bulk import: the real `gatehouse add --source S --path DIR` (built CLI, its own process) loading
// BENCH_FILES (default 2,000) small wheels from a folder tree, generated in memory (no python), in
// local mode with no server (publishBatch straight into the domain, 100 files per durable batch)
// and in remote mode against a running server (HTTP batches of 200 files, 2 in flight). Then the same command again,
// which skips every file (a resumed import). "import" is the command's own figure (files / time from
// the first file to the last, durable); "wall" adds the process start and opening the database.
// Goal: ≥ 500 files/s for the import. On this 2-core machine the CLI, the server and PGlite share
// the cores (and other work may too): figures are floors.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { wheelBytes } from "@gatehouse/domain/test-support";
import { repoRoot, startGatehouseProcess } from "../support/gatehouse-process.js";

const FILES = Number(process.env.BENCH_FILES ?? 2000);
const GOAL = 500;
const cliBin = join(repoRoot, "apps", "cli", "bin", "run.js");

interface AddSummary {
  files: number;
  added: number;
  skipped: number;
  refused: number;
  seconds: number;
}

function gatehouse(args: string[], env: Record<string, string | undefined>): { summary: string; wall: number } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [cliBin, ...args], { env: { ...process.env, GATEHOUSE_ADDRESS: undefined, GATEHOUSE_TOKEN: undefined, DATABASE_URL: undefined, ...env }, encoding: "utf8", maxBuffer: 64 << 20 });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`gatehouse ${args.join(" ")} failed (${r.status}): ${r.stderr.slice(0, 2000)}`);
  return { summary: r.stdout, wall };
}

function report(label: string, run: { summary: string; wall: number }): void {
  const s = JSON.parse(run.summary) as AddSummary;
  const rate = s.files / s.seconds;
  const verdict = label.includes("re-run") ? "" : rate >= GOAL ? "  meets ≥ 500" : "  below 500";
  console.log(
    `${label.padEnd(34)} ${String(s.files).padStart(6)} files: ${s.added} added, ${s.skipped} skipped, ${s.refused} refused | import ${s.seconds.toFixed(2)} s = ${Math.round(rate)} files/s | wall ${run.wall.toFixed(2)} s = ${Math.round(s.files / run.wall)} files/s${verdict}`,
  );
}

const work = mkdtempSync(join(tmpdir(), "gh-bench-bulk-"));
try {
  const dir = join(work, "wheels");
  const t0 = performance.now();
  for (let i = 0; i < FILES; i++) {
    const sub = join(dir, `batch-${String(i % 50).padStart(2, "0")}`);
    if (i < 50) mkdirSync(sub, { recursive: true });
    const w = wheelBytes(`bulk-bench-${i}`, "1.0");
    writeFileSync(join(sub, w.filename), w.bytes);
  }
  console.log(`generated ${FILES} wheels (~${Math.round(wheelBytes("bulk-bench-1", "1.0").bytes.length / 100) / 10} kB each) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const localData = join(work, "local");
  const local = { GATEHOUSE_DATA_DIR: localData };
  gatehouse(["create", "source", "--name", "bulk", "--kind", "python"], local);
  report("local, no server (in-process)", gatehouse(["add", "--source", "bulk", "--path", dir, "-o", "json"], local));
  report("local re-run (all skipped)", gatehouse(["add", "--source", "bulk", "--path", dir, "-o", "json"], local));

  const server = await startGatehouseProcess(join(work, "server"));
  try {
    const remote = { GATEHOUSE_ADDRESS: server.url, GATEHOUSE_TOKEN: server.adminToken };
    gatehouse(["create", "source", "--name", "bulk", "--kind", "python"], remote);
    report("remote (HTTP batches, 2 in flight)", gatehouse(["add", "--source", "bulk", "--path", dir, "-o", "json"], remote));
    report("remote re-run (all skipped)", gatehouse(["add", "--source", "bulk", "--path", dir, "-o", "json"], remote));
  } finally {
    const exited = new Promise((resolve) => server.child.once("exit", resolve));
    server.child.kill("SIGTERM");
    await exited;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

// Publish latency: time for publishFile (stage + hash + fsync, read the wheel's METADATA, commit the
// blob, insert the row, audit, change record) into a python repo that already holds 1,000, 20,000
// and 100,000 projects, on the embedded database in a data folder, like the server. The figure
// should stay flat as the repo grows: nothing in a publish may scan the repo.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LOCAL_ACTOR, createRepo, createSource, openDomain, publishFile, subscribe } from "@gatehouse/domain";
import { seedFiles } from "@gatehouse/domain/test-support";
import { percentile } from "../support/stats.js";

const SIZES = (process.env.BENCH_SIZES ?? "1000,20000,100000").split(",").map(Number);
const PUBLISHES = 50;
const WARMUP = 5;

const WHEELS = `
import sys, zipfile
d, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    name, info = "fresh_%03d" % i, "fresh_%03d-1.0.dist-info" % i
    with zipfile.ZipFile("%s/%s-1.0-py3-none-any.whl" % (d, name), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(name + "/__init__.py", "X = %d\\n" % i)
        z.writestr(info + "/METADATA", "Metadata-Version: 2.1\\nName: %s\\nVersion: 1.0\\nRequires-Python: >=3.8\\n\\n" % name)
        z.writestr(info + "/WHEEL", "Wheel-Version: 1.0\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n\\n")
        z.writestr(info + "/RECORD", "")
`;

function buildWheels(dir: string, count: number): { filename: string; bytes: Buffer }[] {
  const r = spawnSync("python3", ["-c", WHEELS, dir, String(count)], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`python3 could not build wheels: ${r.stderr}`);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".whl"))
    .sort()
    .map((filename) => ({ filename, bytes: readFileSync(join(dir, filename)) }));
}

async function measure(projects: number, wheels: { filename: string; bytes: Buffer }[]): Promise<{ fill: number; times: number[] }> {
  const dataDir = mkdtempSync(join(tmpdir(), "gh-bench-publish-"));
  const domain = await openDomain({ dataDir, role: "bench" });
  try {
    const source = await createSource(domain, LOCAL_ACTOR, { name: "bench-local", kind: "python" });
    await createRepo(domain, LOCAL_ACTOR, { name: "py", type: "python", authenticated: true });
    await subscribe(domain, LOCAL_ACTOR, { repo: "py", source: "bench-local" });
    const t0 = performance.now();
    const now = new Date();
    for (let start = 0; start < projects; start += 1000) {
      const files = [];
      for (let i = start; i < Math.min(projects, start + 1000); i++) {
        const name = `existing-${String(i).padStart(6, "0")}`;
        const filename = `${name.replace(/-/g, "_")}-1.0-py3-none-any.whl`;
        const sha256 = createHash("sha256").update(filename).digest("hex");
        files.push({ id: `file_${i}`, source_id: source.id, filename, project: name, name, version: "1.0", kind: "wheel" as const, sha256, md5: sha256.slice(0, 32), size: 1000, subdir: null, bioc_version: null, metadata: JSON.stringify({ requiresDist: [] }), uploaded_by: "bench", published_at: now, removed_at: null, yanked_reason: null });
      }
      await seedFiles(domain, files);
    }
    const fill = (performance.now() - t0) / 1000;
    const times: number[] = [];
    for (const [i, wheel] of wheels.entries()) {
      const start = performance.now();
      await publishFile(domain, LOCAL_ACTOR, { source: "bench-local", filename: wheel.filename, body: [wheel.bytes] });
      if (i >= WARMUP) times.push(performance.now() - start);
    }
    return { fill, times };
  } finally {
    await domain.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const wheelDir = mkdtempSync(join(tmpdir(), "gh-bench-wheels-"));
try {
  const wheels = buildWheels(wheelDir, PUBLISHES + WARMUP);
  console.log(`python-publish: publishFile of a small wheel, ${PUBLISHES} publishes after ${WARMUP} warm-up ones, embedded database on disk\n`);
  // A throwaway round first, so JIT warm-up and first-use costs land in no row.
  await measure(0, wheels);
  console.log(`${"projects".padStart(10)}${"fill s".padStart(9)}${"p50 ms".padStart(9)}${"p99 ms".padStart(9)}${"max ms".padStart(9)}`);
  for (const projects of SIZES) {
    const { fill, times } = await measure(projects, wheels);
    const sorted = [...times].sort((a, b) => a - b);
    const row = [percentile(sorted, 50), percentile(sorted, 99), sorted.at(-1) ?? Number.NaN].map((v) => v.toFixed(1).padStart(9)).join("");
    console.log(`${projects.toLocaleString("en").padStart(10)}${fill.toFixed(1).padStart(9)}${row}`);
  }
  console.log("\ngoal: p50 ≤ 20 ms and flat across sizes");
} finally {
  rmSync(wheelDir, { recursive: true, force: true });
}

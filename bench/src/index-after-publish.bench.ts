// Aggregate indexes after a publish (issue #12, goal 2). For conda channels of 1,000 and 100,000
// records, R repos of 1,000 and 25,000 packages and Python repos of 1,000 and 100,000 projects:
// publish one real package with publishFile (stage, hash, inspect, commit) and then request the
// aggregate index over HTTP from the real server on loopback — conda linux-64/repodata.json, R
// src/contrib/PACKAGES(.gz/.rds), the /simple/ root (HTML and PEP 691 JSON) — gzip or plain, the
// first request after each publish rotating through the variants. Prints p50/p99/max of both
// next to the goals (publish ≤ 20 ms and flat; next request ≤ 100 ms). Big repos are seeded with
// direct inserts (seedFiles); the first request (cold: every row read once) is shown apart.
// Requests are made by curl processes; all share the machine's 2 cores: read the figures as floors.
import { execFile, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig, startServer } from "@gatehouse/api";
import { type Domain, LOCAL_ACTOR, createRepo, createSource, newId, publishFile, subscribe } from "@gatehouse/domain";
import { type SeedFile, seedFiles } from "@gatehouse/domain/test-support";
import { percentile } from "../support/stats.js";

type Kind = "conda" | "r" | "python";

const PUBLISHES = Number(process.env.BENCH_PUBLISHES ?? 18);
const WARMUP = 3;
const PUBLISH_GOAL_MS = 20;
const NEXT_GOAL_MS = 100;
const DEFAULT_CASES = "conda:1000,conda:100000,r:1000,r:25000,python:1000,python:100000";
// e.g. BENCH_CASES=conda:100000 to run one case.
const CASES = (process.env.BENCH_CASES ?? DEFAULT_CASES).split(",").map((c) => {
  const [kind, size] = c.split(":");
  return [kind as Kind, Number(size)] as const;
});

const hex = (s: string) => createHash("sha256").update(s).digest("hex");

/** Seed rows for `count` existing packages of a kind (as if published earlier). */
function seedRows(kind: Kind, sourceId: string, count: number): SeedFile[] {
  const at = new Date(Date.now() - 86_400_000);
  const base = { source_id: sourceId, size: 100_000, bioc_version: null, uploaded_by: "bench", published_at: at, removed_at: null, yanked_reason: null };
  return Array.from({ length: count }, (_, i) => {
    if (kind === "conda") {
      const name = `pkg${Math.floor(i / 10)}`;
      const version = `1.${i % 10}.0`;
      const filename = `${name}-${version}-h${hex(String(i)).slice(0, 7)}_0.conda`;
      const sha256 = hex(filename);
      const record = { build: `h${sha256.slice(0, 7)}_0`, build_number: 0, constrains: [], depends: ["libgcc >=13", "python >=3.10,<3.14", `pkg${i % 97} >=1.0`], license: "BSD-3-Clause", md5: sha256.slice(0, 32), name, sha256, size: 100_000 + i, subdir: "linux-64", timestamp: 1_735_689_600_000 + i, version };
      return { ...base, id: newId("file"), filename, project: name, name, version, kind: "conda" as const, sha256, md5: record.md5, subdir: "linux-64", metadata: JSON.stringify({ record, format: "conda" }) };
    }
    if (kind === "r") {
      const project = `pkg${i}`;
      const fields = { Package: project, Version: "1.0", Title: "P", Imports: `pkg${i + 1}, methods (>= 3.5)`, License: "GPL-3", NeedsCompilation: "no" };
      const sha256 = hex(project);
      return { ...base, id: newId("file"), filename: `${project}_1.0.tar.gz`, project, name: project, version: "1.0", kind: "r-source" as const, sha256, md5: sha256.slice(0, 32), subdir: null, metadata: JSON.stringify({ fields }) };
    }
    const name = `existing-${String(i).padStart(6, "0")}`;
    const filename = `${name.replace(/-/g, "_")}-1.0-py3-none-any.whl`;
    const sha256 = hex(filename);
    return { ...base, id: newId("file"), filename, project: name, name, version: "1.0", kind: "wheel" as const, sha256, md5: sha256.slice(0, 32), subdir: null, metadata: JSON.stringify({ requiresPython: ">=3.8" }) };
  });
}

const BUILD = `
import io, json, sys, tarfile, zipfile
kind, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
def tar_member(tar, name, text):
    data = text.encode()
    info = tarfile.TarInfo(name)
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))
for i in range(count):
    name = "fresh%03d" % i
    if kind == "conda":
        index = {"name": name, "version": "1.0", "build": "0", "build_number": 0, "subdir": "linux-64", "depends": ["libgcc >=13"], "license": "MIT"}
        with tarfile.open("%s/%s-1.0-0.tar.bz2" % (out, name), "w:bz2") as tar:
            tar_member(tar, "info/index.json", json.dumps(index))
            tar_member(tar, "lib/%s.so" % name, "x" * 20000)
    elif kind == "r":
        with tarfile.open("%s/%s_1.0.0.tar.gz" % (out, name), "w:gz") as tar:
            tar_member(tar, name + "/DESCRIPTION", "Package: %s\\nVersion: 1.0.0\\nTitle: Bench\\nDescription: A benchmark package.\\nImports: base1\\nLicense: MIT\\nNeedsCompilation: no\\n" % name)
            tar_member(tar, name + "/NAMESPACE", "export(f)\\n")
    else:
        info = "%s-1.0.dist-info" % name
        with zipfile.ZipFile("%s/%s-1.0-py3-none-any.whl" % (out, name), "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(name + "/__init__.py", "X = %d\\n" % i)
            z.writestr(info + "/METADATA", "Metadata-Version: 2.1\\nName: %s\\nVersion: 1.0\\nRequires-Python: >=3.8\\n\\n" % name)
            z.writestr(info + "/WHEEL", "Wheel-Version: 1.0\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n\\n")
            z.writestr(info + "/RECORD", "")
`;

/** Real packages to publish, written with python3 (the domain inspects them for real). */
function buildPackages(kind: Kind, count: number): { filename: string; bytes: Buffer }[] {
  const dir = mkdtempSync(join(tmpdir(), `gh-bench-iap-${kind}-`));
  try {
    const run = spawnSync("python3", ["-c", BUILD, kind, dir, String(count)], { encoding: "utf8" });
    if (run.status !== 0) throw new Error(`python3: ${run.stderr}`);
    return readdirSync(dir)
      .sort()
      .map((filename) => ({ filename, bytes: readFileSync(join(dir, filename)) }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Variant {
  label: string;
  path: string;
  headers: Record<string, string>;
}

function variantsOf(kind: Kind): Variant[] {
  const gz = { "accept-encoding": "gzip" };
  if (kind === "conda") {
    return [
      { label: "repodata.json gzip", path: "/chan/linux-64/repodata.json", headers: gz },
      { label: "repodata.json", path: "/chan/linux-64/repodata.json", headers: {} },
    ];
  }
  if (kind === "r") {
    return [
      { label: "PACKAGES.gz", path: "/cran/src/contrib/PACKAGES.gz", headers: {} },
      { label: "PACKAGES.rds", path: "/cran/src/contrib/PACKAGES.rds", headers: {} },
      { label: "PACKAGES gzip", path: "/cran/src/contrib/PACKAGES", headers: gz },
      { label: "PACKAGES", path: "/cran/src/contrib/PACKAGES", headers: {} },
    ];
  }
  const json = { accept: "application/vnd.pypi.simple.v1+json" };
  return [
    { label: "simple/ JSON gzip", path: "/py/simple/", headers: { ...json, ...gz } },
    { label: "simple/ HTML gzip", path: "/py/simple/", headers: gz },
    { label: "simple/ JSON", path: "/py/simple/", headers: json },
    { label: "simple/ HTML", path: "/py/simple/", headers: {} },
  ];
}

/**
 * GETs a URL with curl (its own process, like real clients, so its reading of a 40 MB body does
 * not run on the server's thread) and reads the whole body as sent (not decoded): curl's own time
 * from connect to last byte, and the size.
 */
function get(url: string, headers: Record<string, string>): Promise<{ ms: number; bytes: number }> {
  const args = ["-s", "-o", "/dev/null", "-w", "%{http_code} %{time_total} %{size_download}", ...Object.entries(headers).flatMap(([k, v]) => ["-H", `${k}: ${v}`]), url];
  return new Promise((resolve, reject) => {
    execFile("curl", args, (err, stdout) => {
      if (err) return reject(err);
      const [status, seconds, bytes] = stdout.trim().split(" ");
      if (status !== "200") return reject(new Error(`${url}: ${status}`));
      resolve({ ms: Number(seconds) * 1000, bytes: Number(bytes) });
    });
  });
}

interface Result {
  kind: Kind;
  size: number;
  seedSeconds: number;
  coldMs: number;
  publish: number[];
  next: number[];
  /** The same request again with nothing changed (transfer only). */
  repeat: number[];
  sizes: string;
}

async function measure(kind: Kind, size: number, packages: { filename: string; bytes: Buffer }[]): Promise<Result> {
  const dataDir = mkdtempSync(join(tmpdir(), `gh-bench-iap-${kind}-`));
  const server = await startServer(loadConfig({ GATEHOUSE_LOG_LEVEL: "silent" }, { dataDir, port: 0, host: "127.0.0.1" }));
  const domain: Domain = server.domain;
  try {
    const type = kind === "python" ? "python" : kind;
    const repo = kind === "conda" ? "chan" : kind === "r" ? "cran" : "py";
    const source = await createSource(domain, LOCAL_ACTOR, { name: "uploads", kind: type });
    await createRepo(domain, LOCAL_ACTOR, { name: repo, type, authenticated: false });
    await subscribe(domain, LOCAL_ACTOR, { repo, source: "uploads" });
    const seedStart = performance.now();
    await seedFiles(domain, seedRows(kind, source.id, size), kind === "conda" ? { labels: ["main"] } : {});
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const variants = variantsOf(kind);
    const url = (v: Variant) => `${server.url}${v.path}`;
    const cold = await get(url(variants[0] as Variant), (variants[0] as Variant).headers);
    const sizes: string[] = [];
    for (const v of variants) sizes.push(`${v.label} ${((await get(url(v), v.headers)).bytes / 1e6).toFixed(2)} MB`);
    const publish: number[] = [];
    const next: number[] = [];
    const repeat: number[] = [];
    for (const [i, pkg] of packages.entries()) {
      const start = performance.now();
      await publishFile(domain, LOCAL_ACTOR, { source: "uploads", filename: pkg.filename, body: [pkg.bytes] });
      const publishMs = performance.now() - start;
      // The first request after the publish pays for the change; rotate which variant that is.
      const first = variants[i % variants.length] as Variant;
      const { ms } = await get(url(first), first.headers);
      for (const v of variants) if (v !== first) await get(url(v), v.headers);
      // The same request again, unchanged: what transfer alone costs.
      const again = await get(url(first), first.headers);
      if (i >= WARMUP) {
        publish.push(publishMs);
        next.push(ms);
        repeat.push(again.ms);
      }
    }
    return { kind, size, seedSeconds, coldMs: cold.ms, publish: publish.sort((a, b) => a - b), next: next.sort((a, b) => a - b), repeat: repeat.sort((a, b) => a - b), sizes: sizes.join(", ") };
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const verdict = (value: number, goal: number) => (value <= goal ? "pass" : "FAIL");
const fmt = (v: number) => v.toFixed(1).padStart(8);

console.log(`index-after-publish: publishFile of one real package, then the next aggregate index request over HTTP (${PUBLISHES - WARMUP} publishes after ${WARMUP} warm-up; PGlite on disk; requests by curl)\n`);
console.log(`${"kind".padEnd(8)}${"size".padStart(9)}${"seed s".padStart(8)}${"cold ms".padStart(9)} | ${"publish p50".padStart(11)}${"p99".padStart(8)}${"max".padStart(8)}  goal ≤ ${PUBLISH_GOAL_MS} | ${"next p50".padStart(8)}${"p99".padStart(8)}${"max".padStart(8)}  goal ≤ ${NEXT_GOAL_MS}`);
const results: Result[] = [];
for (const [kind, size] of CASES) {
  const packages = buildPackages(kind, PUBLISHES);
  const r = await measure(kind, size, packages);
  results.push(r);
  const p50 = percentile(r.publish, 50);
  const n99 = percentile(r.next, 99);
  console.log(
    `${kind.padEnd(8)}${size.toLocaleString("en").padStart(9)}${r.seedSeconds.toFixed(1).padStart(8)}${r.coldMs.toFixed(0).padStart(9)} | ${fmt(p50).padStart(11)}${fmt(percentile(r.publish, 99))}${fmt(r.publish.at(-1) ?? Number.NaN)}  ${verdict(p50, PUBLISH_GOAL_MS).padEnd(9)} | ${fmt(percentile(r.next, 50))}${fmt(n99)}${fmt(r.next.at(-1) ?? Number.NaN)}  ${verdict(n99, NEXT_GOAL_MS)}`,
  );
  console.log(`${"".padEnd(8)}  (${r.sizes}; the same request unchanged: p50 ${percentile(r.repeat, 50).toFixed(1)} ms)`);
}
for (const kind of ["conda", "r", "python"] as const) {
  const [small, large] = results.filter((r) => r.kind === kind);
  if (!small || !large) continue;
  const ratio = percentile(large.publish, 50) / percentile(small.publish, 50);
  console.log(`${kind}: publish p50 at ${large.size.toLocaleString("en")} is ${ratio.toFixed(2)}× that at ${small.size.toLocaleString("en")} (flat: ≤ 1.5×) ${ratio <= 1.5 ? "pass" : "FAIL"}`);
}

// A conda channel at scale. (1) Publishing one package into a channel of 1,000 and of 100,000
// records (p50/p99 of publishFile: stage + hash + inspect + commit + insert; goal ≤ 20 ms and flat).
// (2) Serving linux-64/repodata.json of the 100,000-record channel from the real server over
// loopback to clients that accept gzip: cold render, bytes/s with curl clients (goal ≥ 1 GB/s), and
// the latency of a 304 answer (goal < 1 ms). The channel is populated with bulk inserts through
// the domain's test-support seeding (seedFiles); only the measured publishes go through publishFile.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { loadConfig, startServer } from "@gatehouse/api";
import { type Domain, LOCAL_ACTOR, createRepo, createSource, createToken, newId, openDomain, publishFile, subscribe } from "@gatehouse/domain";
import { seedFiles } from "@gatehouse/domain/test-support";
import { percentile } from "../support/stats.js";

const SMALL = 1_000;
const LARGE = 100_000;
const PUBLISHES = 100;
const WARMUP = 5;

const hex = (s: string) => createHash("sha256").update(s).digest("hex");

/** Inserts channel records [from, to) as published linux-64 files labelled main. */
async function populate(domain: Domain, sourceId: string, from: number, to: number): Promise<void> {
  const now = new Date();
  for (let start = from; start < to; start += 1000) {
    const files = [];
    for (let i = start; i < Math.min(to, start + 1000); i++) {
      const name = `pkg${Math.floor(i / 10)}`;
      const version = `1.${i % 10}.0`;
      const filename = `${name}-${version}-h${hex(String(i)).slice(0, 7)}_0.conda`;
      const sha256 = hex(filename);
      const record = { build: `h${sha256.slice(0, 7)}_0`, build_number: 0, constrains: [], depends: ["libgcc >=13", "python >=3.10,<3.14", `pkg${i % 97} >=1.0`], license: "BSD-3-Clause", md5: sha256.slice(0, 32), name, sha256, size: 100_000 + i, subdir: "linux-64", timestamp: 1_735_689_600_000 + i, version };
      files.push({ id: newId("file"), source_id: sourceId, filename, project: name, name, version, kind: "conda" as const, sha256, md5: record.md5, size: record.size, subdir: "linux-64", bioc_version: null, metadata: JSON.stringify({ record, format: "conda" }), uploaded_by: "bench", published_at: now, removed_at: null, yanked_reason: null });
    }
    await seedFiles(domain, files, { labels: ["main"] });
  }
}

const TAR_SCRIPT = `
import io, json, sys, tarfile
spec = json.loads(sys.stdin.read())
for i in range(spec["count"]):
    name = "bench-pub%d" % i
    index = {"name": name, "version": "1.0", "build": "0", "build_number": 0, "subdir": "linux-64", "depends": ["libgcc >=13"], "license": "MIT"}
    with tarfile.open("%s/%s-1.0-0.tar.bz2" % (spec["out"], name), "w:bz2") as tar:
        for member, text in [("info/index.json", json.dumps(index)), ("lib/%s.so" % name, "x" * 20000)]:
            data = text.encode()
            info = tarfile.TarInfo(member)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
`;

/** Real .tar.bz2 packages to publish, written once with python3. */
function buildPackages(dir: string, count: number): { filename: string; bytes: Buffer }[] {
  const run = spawnSync("python3", ["-c", TAR_SCRIPT], { input: JSON.stringify({ out: dir, count }), encoding: "utf8" });
  if (run.status !== 0) throw new Error(`python3: ${run.stderr}`);
  return readdirSync(dir).map((filename) => ({ filename, bytes: readFileSync(join(dir, filename)) }));
}

async function timePublishes(domain: Domain, packages: { filename: string; bytes: Buffer }[]): Promise<number[]> {
  const times: number[] = [];
  for (const [i, pkg] of packages.entries()) {
    const start = process.hrtime.bigint();
    await publishFile(domain, LOCAL_ACTOR, { source: "conda-src", filename: pkg.filename, body: Readable.from([pkg.bytes]) });
    if (i >= WARMUP) times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((a, b) => a - b);
}

function get(agent: Agent, url: string, headers: Record<string, string>): Promise<{ status: number; bytes: number; etag: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      let bytes = 0;
      res.on("data", (c: Buffer) => {
        bytes += c.length;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, bytes, etag: String(res.headers.etag ?? "") }));
    });
    req.on("error", reject);
    req.end();
  });
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = process.hrtime.bigint();
  const value = await run();
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

/**
 * Bytes/s that `clients` curl processes receive fetching the page over and over on kept-alive
 * connections. curl (a separate process, like real clients) keeps the load generator off the
 * server's thread; autocannon's own parser tops out far below the server on multi-MB bodies.
 */
async function measureThroughput(url: string, headers: Record<string, string>, clients: number, fetches = 40): Promise<number> {
  const args = ["-s", ...Object.entries(headers).flatMap(([k, v]) => ["-H", `${k}: ${v}`]), "-w", "%{size_download}\\n"];
  for (let i = 0; i < fetches; i++) args.push("-o", "/dev/null", url);
  const start = process.hrtime.bigint();
  const outputs = await Promise.all(
    Array.from({ length: clients }, () => new Promise<string>((resolve, reject) => {
      const child = spawn("curl", args, { stdio: ["ignore", "pipe", "inherit"] });
      let out = "";
      child.stdout.on("data", (c: Buffer) => {
            out += c.toString();
          });
      child.on("error", reject);
      child.on("close", () => resolve(out));
    })),
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const bytes = outputs.join("").split("\n").filter(Boolean).reduce((sum, n) => sum + Number(n), 0);
  return bytes / seconds;
}

const dataDir = mkdtempSync(join(tmpdir(), "gh-bench-conda-"));
const pkgDir = mkdtempSync(join(tmpdir(), "gh-bench-conda-pkgs-"));
try {
  const packages = buildPackages(pkgDir, 2 * (PUBLISHES + WARMUP) + 1);
  const domain = await openDomain({ dataDir, role: "bench" });
  const source = await createSource(domain, LOCAL_ACTOR, { name: "conda-src", kind: "conda" });
  await createRepo(domain, LOCAL_ACTOR, { name: "chan", type: "conda", authenticated: true });
  await subscribe(domain, LOCAL_ACTOR, { repo: "chan", source: "conda-src" });
  const { token } = await createToken(domain, LOCAL_ACTOR, { scopes: ["repos:read"], repos: ["chan"], description: "bench", user: "bench" });

  console.log("conda-channel: publish one package (publishFile, PGlite on disk), ms\n");
  console.log(`${"channel size".padEnd(16)}${"p50".padStart(9)}${"p99".padStart(9)}${"max".padStart(9)}`);
  const rows: [number, number[]][] = [];
  let populated = 0;
  for (const [size, batch] of [[SMALL, packages.slice(0, PUBLISHES + WARMUP)], [LARGE, packages.slice(PUBLISHES + WARMUP, 2 * (PUBLISHES + WARMUP))]] as const) {
    const populateStart = Date.now();
    await populate(domain, source.id, populated, size);
    populated = size;
    process.stderr.write(`(populated ${size.toLocaleString("en")} records in ${((Date.now() - populateStart) / 1000).toFixed(1)} s)\n`);
    const times = await timePublishes(domain, [...batch]);
    rows.push([size, times]);
    console.log(`${size.toLocaleString("en").padEnd(16)}${percentile(times, 50).toFixed(2).padStart(9)}${percentile(times, 99).toFixed(2).padStart(9)}${(times.at(-1) ?? 0).toFixed(2).padStart(9)}`);
  }
  await domain.close();

  const server = await startServer(loadConfig({ GATEHOUSE_LOG_LEVEL: "warn" }, { dataDir, port: 0, host: "127.0.0.1" }));
  try {
    const url = `${server.url}/chan/linux-64/repodata.json`;
    const headers = { authorization: `Bearer ${token}`, "accept-encoding": "gzip" };
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const cold = await timed(() => get(agent, url, headers));
    const plain = await get(agent, url, { authorization: headers.authorization });
    const loads = [];
    for (const clients of [1, 2, 4]) loads.push([clients, await measureThroughput(url, headers, clients)] as const);
    const latencies: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const r = await timed(() => get(agent, url, { ...headers, "if-none-match": cold.value.etag }));
      if (r.value.status !== 304) throw new Error(`expected 304, got ${r.value.status}`);
      if (i >= 200) latencies.push(r.ms);
    }
    latencies.sort((a, b) => a - b);
    const extra = packages[2 * (PUBLISHES + WARMUP)];
    if (!extra) throw new Error("no package left to publish");
    await publishFile(server.domain, LOCAL_ACTOR, { source: "conda-src", filename: extra.filename, body: Readable.from([extra.bytes]) });
    const rerender = await timed(() => get(agent, url, headers));
    agent.destroy();

    console.log(`\nconda-channel: GET linux-64/repodata.json of ${LARGE.toLocaleString("en")} records, real server on loopback (Bearer token)\n`);
    console.log(`repodata.json size                 ${(plain.bytes / 1e6).toFixed(1)} MB, gzip ${(cold.value.bytes / 1e6).toFixed(2)} MB`);
    console.log(`cold render + gzip (1st GET)       ${cold.ms.toFixed(0)} ms (again after one publish: ${rerender.ms.toFixed(0)} ms)`);
    for (const [clients, rate] of loads) console.log(`gzip responses, ${clients} curl client(s)     ${(rate / 1e9).toFixed(2)} GB/s`);
    console.log(`304 (If-None-Match), 1 connection  p50 ${percentile(latencies, 50).toFixed(3)} ms, p99 ${percentile(latencies, 99).toFixed(3)} ms`);
  } finally {
    await server.close();
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(pkgDir, { recursive: true, force: true });
}

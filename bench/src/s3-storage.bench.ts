// S3 storage against local storage, each through the real server (built CLI, PGlite, one child
// process), with s3rver (an S3-compatible store, in its own child process on loopback) as the store:
// 1. Authenticated (Basic `__token__:<token>`) GET /pyauth/latest/simple/<project>/ on 20,000
//    projects, random pages out of 2,000 sampled ones (wrk Lua script, Debian's wrk -t2 -c32
//    --latency), a server with GATEHOUSE_STORAGE=s3://bench/simple beside one with local files, same
//    data, runs alternating A B A B. Index pages come from the database and are kept in memory, so
//    the store should cost nothing here: the goal is S3 ≥ 0.9× local.
//    The files of the sampled projects really are in each store (written through the domain opened
//    with that storage, one small blob per file, and one download checked through the server);
//    BENCH_ALL_BLOBS=1 stores all 40,000 (slower to populate, same pages).
// 2. A 1 GiB wheel uploaded the way twine does (multipart POST to /py/legacy/, curl streaming it from
//    disk) to a fresh S3-backed server on an empty data folder (as python-large-file does for local
//    files), then downloaded streamed and its sha256 checked: MiB/s and the server's RSS sampled every
//    100 ms while each runs; goal peak RSS < 200 MiB. Twice: a node on the embedded PGlite (whose WASM
//    heap alone is most of the idle figure) and one on a fresh Postgres database, as the nodes of a
//    multi-node deployment run (DATABASE_URL or postgres://postgres@127.0.0.1:5432; created and
//    dropped with psql, the row left out when none is reachable).
// wrk, s3rver and the servers share the machine's cores: read the ratio, not the absolutes.
// BENCH_SECONDS (default 5) per run, BENCH_ROUNDS (default 2), BENCH_PROJECTS (default 20,000),
// BENCH_BYTES (default 1 GiB).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LOCAL_ACTOR, type StorageOptions, createRepo, createSource, createToken, openDomain, subscribe } from "@gatehouse/domain";
import { type GatehouseProcess, startGatehouseProcess } from "../support/gatehouse-process.js";
import { readProcessMemory, timeWithPeakRss } from "../support/process-memory.js";
import { AUTH_REPO, populatePythonRepos, projectName } from "../support/python-repos.js";
import { type S3rverProcess, startS3rver } from "../support/s3rver.js";
import { type WrkResult, requireWrk, runWrk, writePathList } from "../support/wrk.js";

const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 20_000);
const SAMPLED = Math.min(PROJECTS, 2_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const ALL_BLOBS = process.env.BENCH_ALL_BLOBS === "1";
const SIZE = Number(process.env.BENCH_BYTES ?? 1024 ** 3);
const WARM_SECONDS = 4;
const GOAL_RATIO = 0.9;
const RSS_LIMIT_MB = 200;
const BUCKET = "gatehouse-bench";
const UPLOAD_REPO = "py";
const POSTGRES = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
// Node 20 is this project's floor; the SDK's notice about a future Node 22 floor is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

/** One server under test, its storage and the tokens made for it. */
interface Node {
  storage: "local" | "S3";
  gh: GatehouseProcess;
  readToken: string;
  /** One seeded file whose bytes went into this node's store. */
  probe: { sha256: string; filename: string };
}

/** The 1 GiB wheel, built once. */
interface Wheel {
  path: string;
  filename: string;
  sha256: string;
  bytes: number;
}

/** What moving the wheel through one node measured. */
interface LargeFileRow {
  database: "pglite" | "postgres";
  step: "upload" | "download";
  seconds: number;
  idleRssMb: number;
  peakRssMb: number;
}

// A zip64 wheel of `size` stored (uncompressed) bytes, written and hashed by python3 a MiB at a time.
const BUILD_WHEEL = `
import hashlib, sys, zipfile
d, size = sys.argv[1], int(sys.argv[2])
path = d + "/bigfile-1.0-py3-none-any.whl"
with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED, allowZip64=True) as z:
    z.writestr("bigfile-1.0.dist-info/METADATA", "Metadata-Version: 2.1\\nName: bigfile\\nVersion: 1.0\\n\\n")
    z.writestr("bigfile-1.0.dist-info/WHEEL", "Wheel-Version: 1.0\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n\\n")
    z.writestr("bigfile-1.0.dist-info/RECORD", "")
    block = bytes(1 << 20)
    with z.open(zipfile.ZipInfo("bigfile/blob.bin"), "w", force_zip64=True) as f:
        for start in range(0, size, len(block)):
            f.write(block[: min(len(block), size - start)])
h = hashlib.sha256()
with open(path, "rb") as f:
    for chunk in iter(lambda: f.read(1 << 20), b""):
        h.update(chunk)
print(path)
print(h.hexdigest())
`;

/** Starts the server with extra settings in its environment (startGatehouseProcess passes the bench's own on). */
async function startWithEnv(dataDir: string, env: Record<string, string>, databaseUrl?: string): Promise<GatehouseProcess> {
  const saved = Object.keys(env).map((k) => [k, process.env[k]] as const);
  Object.assign(process.env, env);
  try {
    return await startGatehouseProcess(dataDir, databaseUrl ? { databaseUrl } : {});
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/**
 * Seeds the repos (rows only), then opens the domain with `storage` and writes each sampled file's
 * bytes (its filename, whose sha256 and md5 the seeded rows already carry; sizes are set to match)
 * into that store.
 */
async function populate(dataDir: string, storage: StorageOptions): Promise<Pick<Node, "readToken" | "probe">> {
  const readToken = await populatePythonRepos({ dataDir }, PROJECTS);
  const domain = await openDomain({ dataDir, role: "bench", storage });
  try {
    await domain.db
      .updateTable("package_files")
      .set((eb) => ({ size: eb.fn<number>("length", [eb.ref("filename")]) }))
      .execute();
    let query = domain.db.selectFrom("package_files").select(["filename", "sha256"]);
    if (!ALL_BLOBS) query = query.where("project", "in", sampledProjects());
    const files = await query.execute();
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < files.length) {
          const file = files[next++];
          if (!file) break;
          const sha256 = await domain.blobs.putBytes(Buffer.from(file.filename));
          if (sha256 !== file.sha256) throw new Error(`${file.filename}: stored as ${sha256}, its row says ${file.sha256}`);
        }
      }),
    );
    const probe = files[0];
    if (!probe) throw new Error("no files seeded");
    return { readToken, probe };
  } finally {
    await domain.close();
  }
}

/** An empty data folder (or BENCH_DATABASE_URL's database) with the upload repo; returns its upload token. */
async function prepareUpload(dataDir: string, storage: StorageOptions, databaseUrl: string | undefined): Promise<string> {
  // With Postgres nothing else creates the data folder, and the server needs it for staging and its socket.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const domain = await openDomain({ dataDir, role: "bench", storage, ...(databaseUrl ? { databaseUrl } : {}) });
  try {
    await createSource(domain, LOCAL_ACTOR, { name: "big-local", kind: "python" });
    await createRepo(domain, LOCAL_ACTOR, { name: UPLOAD_REPO, type: "python", authenticated: true });
    await subscribe(domain, LOCAL_ACTOR, { repo: UPLOAD_REPO, source: "big-local" });
    const token = await createToken(domain, LOCAL_ACTOR, { scopes: ["sources:write", "repos:read"], sources: ["big-local"], repos: [UPLOAD_REPO], description: "bench", user: "bench" });
    return token.token;
  } finally {
    await domain.close();
  }
}

function sampledProjects(): string[] {
  return Array.from({ length: SAMPLED }, (_, k) => projectName(Math.floor((k * PROJECTS) / SAMPLED)));
}

function basic(token: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`__token__:${token}`).toString("base64")}` };
}

/** Streams a GET, hashing the body as it arrives; resolves with the status, byte count and sha256. */
function streamedGet(url: string, headers: Record<string, string>): Promise<{ status: number; bytes: number; sha256: string }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const hash = createHash("sha256");
      let bytes = 0;
      res.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        hash.update(chunk);
      });
      res.once("end", () => resolve({ status: res.statusCode ?? 0, bytes, sha256: hash.digest("hex") }));
      res.once("error", reject);
    }).once("error", reject);
  });
}

/** Runs curl (asynchronously, so the server's memory can be sampled meanwhile); returns its -w line. */
function runCurl(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("curl", ["-sS", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const collect = (c: Buffer) => {
      out += c.toString();
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.once("exit", (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`curl failed (${code}): ${out}`))));
  });
}

/** Object files s3rver holds under a key prefix. */
function objectsUnder(s3: S3rverProcess, prefix: string): number {
  const dir = join(s3.directory, s3.bucket, prefix);
  if (!existsSync(dir)) return 0;
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith("._S3rver_object")).length;
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}

async function measurePages(nodes: readonly Node[], work: string): Promise<void> {
  const pathsFile = writePathList(work, "auth", sampledProjects().map((p) => `/${AUTH_REPO}/latest/simple/${p}/`));
  // An unreported run each renders the sampled pages, warms the JIT and opens the connections; with
  // 1 s the first reported round still ran 25–40 % below the second on either storage.
  for (const n of nodes) await runWrk({ origin: n.gh.url, pathsFile, headers: basic(n.readToken), seconds: WARM_SECONDS });
  const results = new Map<Node, WrkResult[]>(nodes.map((n) => [n, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const n of nodes) results.get(n)?.push(await runWrk({ origin: n.gh.url, pathsFile, headers: basic(n.readToken), seconds: SECONDS }));
  }
  console.log(
    `\nBasic-authenticated GET /${AUTH_REPO}/latest/simple/<project>/, ${SAMPLED.toLocaleString("en")} random pages of ${PROJECTS.toLocaleString("en")} projects; wrk -t2 -c32 --latency, ${ROUNDS} × ${SECONDS} s per row (alternating)\n`,
  );
  const line = (cells: string[]) => console.log(cells.map((c, i) => (i === 0 || i === 5 ? c.padEnd(i === 0 ? 8 : 24) : i >= 6 ? c : c.padStart(9))).join(" "));
  line(["storage", "req/s", "p50 ms", "p99 ms", "× local", "goal", "result", "runs req/s"]);
  const local = mean((results.get(nodes[0] as Node) ?? []).map((r) => r.rps));
  for (const [n, runs] of results) {
    const rps = mean(runs.map((r) => r.rps));
    const errors = runs.reduce((a, r) => a + r.statusErrors + r.socketErrors, 0);
    const ratio = rps / local;
    const goal = n.storage === "S3" ? `S3 ≈ local (≥ ${GOAL_RATIO}×)` : "—";
    const pass = n.storage === "S3" ? ratio >= GOAL_RATIO && errors === 0 : errors === 0;
    const result = `${n.storage === "S3" || errors > 0 ? (pass ? "pass" : "FAIL") : ""}${errors > 0 ? ` (${errors} errors)` : ""}`;
    const each = runs.map((r) => r.rps.toFixed(0)).join(" ");
    line([n.storage, rps.toFixed(0), mean(runs.map((r) => r.p50Ms)).toFixed(2), Math.max(...runs.map((r) => r.p99Ms)).toFixed(2), ratio.toFixed(2), goal, result.padEnd(6), each]);
  }
}

function buildWheel(work: string): Wheel {
  const built = spawnSync("python3", ["-c", BUILD_WHEEL, work, String(SIZE)], { encoding: "utf8", timeout: 600_000 });
  if (built.status !== 0) throw new Error(`python3 could not build the wheel: ${built.stderr}`);
  const [path = "", sha256 = ""] = built.stdout.trim().split("\n");
  return { path, filename: path.slice(path.lastIndexOf("/") + 1), sha256, bytes: statSync(path).size };
}

/** Uploads the wheel to a fresh S3 node (its own data folder and prefix) and downloads it back, checking its sha256. */
async function moveLargeFile(database: LargeFileRow["database"], databaseUrl: string | undefined, wheel: Wheel, s3: S3rverProcess, work: string): Promise<LargeFileRow[]> {
  const dataDir = join(work, `upload-${database}`);
  const prefix = `large-${database}`;
  const token = await prepareUpload(dataDir, s3.storage(prefix), databaseUrl);
  const gh = await startWithEnv(dataDir, s3.serverEnv(prefix), databaseUrl);
  try {
    const pid = gh.child.pid ?? 0;
    const idle = readProcessMemory(pid);
    const auth = ["-u", `__token__:${token}`];
    const form = ["-F", ":action=file_upload", "-F", "name=bigfile", "-F", "version=1.0", "-F", `sha256_digest=${wheel.sha256}`, "-F", `content=@${wheel.path};type=application/octet-stream`];
    const up = await timeWithPeakRss(pid, () => runCurl([...auth, "-o", "/dev/null", "-w", "%{http_code}", ...form, `${gh.url}/${UPLOAD_REPO}/legacy/`]));
    if (up.out !== "200") throw new Error(`upload answered ${up.out}`);
    // The wheel and its extracted METADATA.
    if (objectsUnder(s3, `${prefix}/blobs`) !== 2) throw new Error(`s3rver holds ${objectsUnder(s3, `${prefix}/blobs`)} objects under ${prefix}/blobs/, not the wheel and its METADATA`);
    const down = await timeWithPeakRss(pid, () => streamedGet(`${gh.url}/${UPLOAD_REPO}/files/${wheel.sha256}/${wheel.filename}`, basic(token)));
    if (down.out.status !== 200 || down.out.bytes !== wheel.bytes || down.out.sha256 !== wheel.sha256) {
      throw new Error(`download answered ${down.out.status}, ${down.out.bytes} of ${wheel.bytes} bytes, sha256 ${down.out.sha256} (want ${wheel.sha256})`);
    }
    return [
      { database, step: "upload", seconds: up.seconds, idleRssMb: idle.rssMb, peakRssMb: up.peakRssMb },
      { database, step: "download", seconds: down.seconds, idleRssMb: idle.rssMb, peakRssMb: down.peakRssMb },
    ];
  } finally {
    const exited = new Promise((r) => gh.child.once("exit", r));
    gh.child.kill("SIGTERM");
    await exited;
  }
}

function printLargeFile(rows: readonly LargeFileRow[], wheel: Wheel): void {
  const mb = wheel.bytes / 1024 ** 2;
  console.log(
    `
a ${mb.toFixed(0)} MiB wheel through HTTP to a fresh S3-backed server (curl multipart upload, as twine sends it; streamed download, sha256 checked by the bench); RSS sampled every 100 ms
`,
  );
  const widths = [9, 9, 8, 7, 10, 10, 12, 16, 6];
  const line = (cells: string[]) => console.log(cells.map((c, i) => (i < 2 || i === 7 ? c.padEnd(widths[i] ?? 8) : c.padStart(widths[i] ?? 8))).join(" "));
  line(["database", "step", "seconds", "MiB/s", "idle MiB", "peak MiB", "growth MiB", "  goal", "result"]);
  for (const r of rows) {
    const pass = r.peakRssMb < RSS_LIMIT_MB;
    line([r.database, r.step, r.seconds.toFixed(1), (mb / r.seconds).toFixed(0), r.idleRssMb.toFixed(0), r.peakRssMb.toFixed(0), (r.peakRssMb - r.idleRssMb).toFixed(0), `  RSS < ${RSS_LIMIT_MB} MiB`, pass ? "pass" : "FAIL"]);
  }
}

function psql(url: string, command: string): boolean {
  return spawnSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-q", "-c", command], { stdio: ["ignore", "ignore", "pipe"] }).status === 0;
}

requireWrk();
const work = mkdtempSync(join(tmpdir(), "gh-bench-s3-"));
const children: ChildProcess[] = [];
let s3: S3rverProcess | undefined;
try {
  s3 = await startS3rver(BUCKET);
  const t0 = performance.now();
  const localData = join(work, "local-data");
  const s3Data = join(work, "s3-data");
  const local = await populate(localData, { kind: "folder" });
  const remote = await populate(s3Data, s3.storage("simple"));
  const blobs = ALL_BLOBS ? PROJECTS * 2 : SAMPLED * 2;
  console.log(
    `populated ${PROJECTS.toLocaleString("en")} projects twice (local, S3), ${blobs.toLocaleString("en")} file blobs in each store (${objectsUnder(s3, "simple/blobs").toLocaleString("en")} objects in s3rver), in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const localGh = await startGatehouseProcess(localData);
  children.push(localGh.child);
  const s3Gh = await startWithEnv(s3Data, s3.serverEnv("simple"));
  children.push(s3Gh.child);
  const nodes: Node[] = [
    { storage: "local", gh: localGh, ...local },
    { storage: "S3", gh: s3Gh, ...remote },
  ];
  for (const n of nodes) {
    const r = await streamedGet(`${n.gh.url}/${AUTH_REPO}/files/${n.probe.sha256}/${n.probe.filename}`, basic(n.readToken));
    if (r.status !== 200 || r.sha256 !== n.probe.sha256) throw new Error(`${n.storage}: a seeded file's download answered ${r.status} (sha256 ${r.sha256})`);
  }
  await measurePages(nodes, work);

  const stopped = nodes.map((n) => new Promise((r) => n.gh.child.once("exit", r)));
  for (const n of nodes) n.gh.child.kill("SIGTERM");
  await Promise.all(stopped);
  // Fresh S3 nodes on empty data folders, as python-large-file measures local storage: their RSS is
  // the server's and the upload's, not the 20,000 projects' pages and database cache.
  const wheel = buildWheel(work);
  const rows = await moveLargeFile("pglite", undefined, wheel, s3, work);
  const database = `gh_bench_s3_${process.pid}`;
  if (psql(POSTGRES, `create database ${database}`)) {
    try {
      const url = new URL(POSTGRES);
      url.pathname = `/${database}`;
      rows.push(...(await moveLargeFile("postgres", url.toString(), wheel, s3, work)));
    } finally {
      psql(POSTGRES, `drop database if exists ${database} with (force)`);
    }
  } else {
    console.log(`(no Postgres reachable with psql at ${POSTGRES.replace(/\/\/[^@]*@/, "//…@")}: its rows are left out)`);
  }
  printLargeFile(rows, wheel);
} finally {
  for (const child of children) child.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  await s3?.close();
  rmSync(work, { recursive: true, force: true });
}

// A 1 GiB wheel uploaded the way twine does (multipart POST to /<repo>/legacy/, sent by curl from
// disk) and downloaded back, through the real server (built CLI) in a child process. Reports
// throughput and the server's peak resident memory (VmHWM), which must stay far below the file
// size: uploads are streamed to a staging file and downloads are streamed from the blob store.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LOCAL_ACTOR, createRepo, createSource, createToken, openDomain, subscribe } from "@gatehouse/domain";
import { startGatehouseProcess } from "../support/gatehouse-process.js";
import { readProcessMemory, timeWithPeakRss } from "../support/process-memory.js";

const SIZE = Number(process.env.BENCH_BYTES ?? 1024 ** 3);
const RSS_LIMIT_MB = 200;
// An empty Postgres database to use instead of the embedded one (whose WASM heap dominates idle memory).
const databaseUrl = process.env.BENCH_DATABASE_URL;

const BUILD = `
import hashlib, sys, zipfile
d, size = sys.argv[1], int(sys.argv[2])
path = d + "/bigfile-1.0-py3-none-any.whl"
with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED, allowZip64=True) as z:
    z.writestr("bigfile-1.0.dist-info/METADATA", "Metadata-Version: 2.1\\nName: bigfile\\nVersion: 1.0\\n\\n")
    z.writestr("bigfile-1.0.dist-info/WHEEL", "Wheel-Version: 1.0\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n\\n")
    z.writestr("bigfile-1.0.dist-info/RECORD", "")
    chunk = bytes(1 << 20)
    with z.open(zipfile.ZipInfo("bigfile/blob.bin"), "w", force_zip64=True) as f:
        left = size
        while left > 0:
            n = min(left, len(chunk))
            f.write(chunk[:n])
            left -= n
h = hashlib.sha256()
with open(path, "rb") as f:
    for block in iter(lambda: f.read(1 << 20), b""):
        h.update(block)
print(path)
print(h.hexdigest())
`;

async function prepare(dataDir: string): Promise<string> {
  // With Postgres nothing else creates the data folder, and the server needs it for blobs and its socket.
  mkdirSync(dataDir, { recursive: true });
  const domain = await openDomain({ dataDir, role: "bench", ...(databaseUrl ? { databaseUrl } : {}) });
  try {
    await createSource(domain, LOCAL_ACTOR, { name: "big-local", kind: "python" });
    await createRepo(domain, LOCAL_ACTOR, { name: "py", type: "python", authenticated: true });
    await subscribe(domain, LOCAL_ACTOR, { repo: "py", source: "big-local" });
    const token = await createToken(domain, LOCAL_ACTOR, { scopes: ["sources:write", "repos:read"], sources: ["big-local"], repos: ["py"], description: "bench", user: "bench" });
    return token.token;
  } finally {
    await domain.close();
  }
}

/** Runs curl (asynchronously, so the server's memory can be sampled meanwhile); returns its -w line. */
function runCurl(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("curl", ["-sS", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      out += c.toString();
    });
    child.once("exit", (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`curl failed (${code}): ${out}`))));
  });
}

const work = mkdtempSync(join(tmpdir(), "gh-bench-large-"));
let server: ChildProcess | undefined;
try {
  const built = spawnSync("python3", ["-c", BUILD, work, String(SIZE)], { encoding: "utf8", timeout: 600_000 });
  if (built.status !== 0) throw new Error(`python3 could not build the wheel: ${built.stderr}`);
  const [path = "", sha256 = ""] = built.stdout.trim().split("\n");
  const fileBytes = Number(spawnSync("stat", ["-c", "%s", path], { encoding: "utf8" }).stdout.trim());
  const token = await prepare(join(work, "data"));
  const gh = await startGatehouseProcess(join(work, "data"), databaseUrl ? { databaseUrl } : {});
  server = gh.child;
  const pid = gh.child.pid ?? 0;
  const idle = readProcessMemory(pid);
  const auth = ["-u", `__token__:${token}`];
  const up = await timeWithPeakRss(pid, () =>
    runCurl([...auth, "-o", "/dev/null", "-w", "%{http_code}", "-F", ":action=file_upload", "-F", "name=bigfile", "-F", "version=1.0", "-F", `sha256_digest=${sha256}`, "-F", `content=@${path};type=application/octet-stream`, `${gh.url}/py/legacy/`]),
  );
  if (up.out !== "200") throw new Error(`upload answered ${up.out}`);
  const filename = path.slice(path.lastIndexOf("/") + 1);
  const down = await timeWithPeakRss(pid, () => runCurl([...auth, "-o", "/dev/null", "-w", "%{http_code} %{size_download}", `${gh.url}/py/files/${sha256}/${filename}`]));
  if (down.out !== `200 ${fileBytes}`) throw new Error(`download answered ${down.out}`);
  const after = readProcessMemory(pid);

  const mb = fileBytes / 1024 ** 2;
  console.log(`python-large-file: a ${mb.toFixed(0)} MiB wheel through HTTP (curl ⇄ gatehouse child process), ${databaseUrl ? "Postgres" : "embedded PGlite"}\n`);
  console.log(`${"step".padEnd(10)}${"seconds".padStart(9)}${"MiB/s".padStart(9)}${"peak RSS MiB".padStart(14)}`);
  console.log(`${"upload".padEnd(10)}${up.seconds.toFixed(1).padStart(9)}${(mb / up.seconds).toFixed(0).padStart(9)}${up.peakRssMb.toFixed(0).padStart(14)}`);
  console.log(`${"download".padEnd(10)}${down.seconds.toFixed(1).padStart(9)}${(mb / down.seconds).toFixed(0).padStart(9)}${down.peakRssMb.toFixed(0).padStart(14)}`);
  console.log(`\nserver RSS idle ${idle.rssMb.toFixed(0)} MiB; lifetime peak (VmHWM) ${after.hwmMb.toFixed(0)} MiB   (goal < ${RSS_LIMIT_MB} MiB)`);
  // The idle figure is mostly the embedded database (PGlite's WASM heap); what streaming must keep small is the growth.
  console.log(`growth over idle while moving the file: ${(after.hwmMb - idle.rssMb).toFixed(0)} MiB for a ${mb.toFixed(0)} MiB file`);
} finally {
  server?.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  rmSync(work, { recursive: true, force: true });
}

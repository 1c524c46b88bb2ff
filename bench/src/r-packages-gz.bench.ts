// Requests per second for an R repo's index (PACKAGES.gz, and PACKAGES.rds which R asks for first) of
// 25,000 packages, on the real server (startServer, HTTP over loopback), with autocannon in its own
// process (on a 2-core machine client and server share the cores, so the figures are a floor). The index is rendered and compressed once per
// change and then served from memory: the check before the run confirms the bytes are a gzip stream sent
// without Content-Encoding (so no request compresses anything) and that repeated requests get the same ETag.
import { mkdtempSync, rmSync } from "node:fs";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { loadConfig, startServer } from "@gatehouse/api";
import { LOCAL_ACTOR, createRepo, createSource, newId, subscribe } from "@gatehouse/domain";
import { seedFiles } from "@gatehouse/domain/test-support";

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  throughput: { average: number };
  non2xx: number;
  errors: number;
}
const autocannonCli = createRequire(import.meta.url).resolve("autocannon/autocannon.js");

/** Runs the autocannon CLI in a child process (never in the server's event loop) and reads its JSON result. */
function runAutocannon(url: string, connections: number, seconds: number): Promise<AutocannonResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [autocannonCli, "--json", "-c", String(connections), "-d", String(seconds), url], { stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve(JSON.parse(out) as AutocannonResult) : reject(new Error(`autocannon exited with ${code}`))));
  });
}

const PACKAGES = 25_000;
const DURATION_S = 10;
const CONNECTIONS = 10;

const dataDir = mkdtempSync(join(tmpdir(), "gh-bench-rgz-"));
const server = await startServer(loadConfig({}, { dataDir, port: 0, logLevel: "silent" }));
try {
  const { domain } = server;
  const source = await createSource(domain, LOCAL_ACTOR, { name: "uploads", kind: "r" });
  await createRepo(domain, LOCAL_ACTOR, { name: "cran", type: "r", authenticated: false });
  await subscribe(domain, LOCAL_ACTOR, { repo: "cran", source: "uploads" });
  const at = new Date(Date.now() - 86_400_000);
  for (let start = 0; start < PACKAGES; start += 1000) {
    const rows = [];
    for (let i = start; i < Math.min(PACKAGES, start + 1000); i++) {
      const project = `pkg${i}`;
      const fields = { Package: project, Version: "1.0", Imports: `pkg${i + 1} (>= 0.5), stats`, License: "GPL-3", NeedsCompilation: "no" };
      const hex = i.toString(16).padStart(8, "0");
      rows.push({ id: newId("file"), source_id: source.id, filename: `${project}_1.0.tar.gz`, project, name: project, version: "1.0", kind: "r-source" as const, sha256: hex.repeat(8), md5: hex.repeat(4), size: 1000, subdir: null, bioc_version: null, metadata: JSON.stringify({ fields }), uploaded_by: "local", published_at: at, removed_at: null, yanked_reason: null });
    }
    await seedFiles(domain, rows);
  }

  const base = `${server.url}/cran/latest/src/contrib`;
  const t0 = performance.now();
  const first = await fetch(`${base}/PACKAGES.gz`, { headers: { "accept-encoding": "gzip" } });
  const gz = Buffer.from(await first.arrayBuffer());
  const coldMs = performance.now() - t0;
  const second = await fetch(`${base}/PACKAGES.gz`, { headers: { "accept-encoding": "gzip" } });
  await second.arrayBuffer();
  const text = gunzipSync(gz).toString();
  const precompressed =
    first.headers.get("content-encoding") === null &&
    first.headers.get("content-type") === "application/x-gzip" &&
    gz[0] === 0x1f &&
    gz[1] === 0x8b &&
    second.headers.get("etag") === first.headers.get("etag") &&
    text.split("\nPackage: ").length === PACKAGES;
  console.log(`r-packages-gz: ${PACKAGES.toLocaleString("en")} packages; PACKAGES.gz ${(gz.length / 1e6).toFixed(2)} MB (PACKAGES ${(text.length / 1e6).toFixed(2)} MB)`);
  console.log(`first request (render + gzip + rds, once per change): ${coldMs.toFixed(0)} ms; served precompressed: ${precompressed ? "yes" : "NO"}\n`);

  console.log(`${"file".padEnd(14)}${"req/s".padStart(10)}${"p50 ms".padStart(9)}${"p99 ms".padStart(9)}${"MB/s".padStart(9)}   (${CONNECTIONS} connections, ${DURATION_S} s)`);
  for (const file of ["PACKAGES.gz", "PACKAGES.rds"]) {
    const r = await runAutocannon(`${base}/${file}`, CONNECTIONS, DURATION_S);
    const bad = r.non2xx + r.errors > 0 ? `   ${r.non2xx} non-2xx, ${r.errors} errors` : "";
    console.log(`${file.padEnd(14)}${r.requests.average.toFixed(0).padStart(10)}${String(r.latency.p50).padStart(9)}${String(r.latency.p99).padStart(9)}${(r.throughput.average / 1e6).toFixed(0).padStart(9)}${bad}`);
  }
} finally {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}

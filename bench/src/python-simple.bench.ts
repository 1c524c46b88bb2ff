// Simple-index throughput: requests/s and p50/p99 latency for /simple/<project>/ on a repo of 20,000
// projects, anonymous vs authenticated (HTTP Basic with a token), beside nginx serving the same pages
// as static files (with and without auth_basic). Gatehouse runs as the real server (built CLI) in a
// child process; nginx runs one worker; autocannon (32 connections) runs in this process, so all
// three share the machine's cores: read the figures as ratios, not absolutes.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LOCAL_ACTOR, createRepo, createSource, createToken, openDomain, subscribe } from "@gatehouse/domain";
import { seedFiles } from "@gatehouse/domain/test-support";
import { startGatehouseProcess } from "../support/gatehouse-process.js";

const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 20_000);
const SAMPLED = 2_000;
const CONNECTIONS = 32;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

/** The slice of autocannon's result this bench reads (the package ships no types). */
interface CannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
interface CannonRequest {
  path: string;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
  requests: { setupRequest: (req: CannonRequest) => CannonRequest }[];
}) => Promise<CannonResult>;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

async function populate(dataDir: string): Promise<string> {
  const domain = await openDomain({ dataDir, role: "bench" });
  try {
    const source = await createSource(domain, LOCAL_ACTOR, { name: "bench-local", kind: "python" });
    for (const [name, authenticated] of [["pyauth", true], ["pypub", false]] as const) {
      await createRepo(domain, LOCAL_ACTOR, { name, type: "python", authenticated });
      await subscribe(domain, LOCAL_ACTOR, { repo: name, source: "bench-local" });
    }
    const now = new Date();
    for (let start = 0; start < PROJECTS; start += 500) {
      const rows = [];
      for (let i = start; i < Math.min(PROJECTS, start + 500); i++) {
        const name = projectName(i);
        for (const version of ["1.0", "1.1"]) {
          const filename = `${name.replace(/-/g, "_")}-${version}-py3-none-any.whl`;
          rows.push({
            id: `file_${i}_${version}`,
            source_id: source.id,
            filename,
            project: name,
            name,
            version,
            kind: "wheel" as const,
            sha256: createHash("sha256").update(filename).digest("hex"),
            md5: createHash("md5").update(filename).digest("hex"),
            size: 12_345,
            subdir: null,
            bioc_version: null,
            metadata: JSON.stringify({ requiresPython: ">=3.8", requiresDist: [] }),
            uploaded_by: "bench",
            published_at: now,
            removed_at: null,
            yanked_reason: null,
          });
        }
      }
      await seedFiles(domain, rows);
    }
    const created = await createToken(domain, LOCAL_ACTOR, { scopes: ["repos:read"], repos: ["pyauth"], description: "bench", user: "bench" });
    return created.token;
  } finally {
    await domain.close();
  }
}

function projectName(i: number): string {
  return `bench-project-${String(i).padStart(6, "0")}`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function startNginx(dir: string, pages: Map<string, string>, token: string): Promise<{ url: string; child: ChildProcess }> {
  for (const [path, html] of pages) {
    mkdirSync(join(dir, "www", path), { recursive: true });
    writeFileSync(join(dir, "www", path, "index.html"), html);
  }
  const hash = spawnSync("openssl", ["passwd", "-apr1", token], { encoding: "utf8" }).stdout.trim();
  writeFileSync(join(dir, "htpasswd"), `__token__:${hash}\n`);
  const port = await freePort();
  mkdirSync(join(dir, "tmp"), { recursive: true });
  const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((k) => `  ${k}_temp_path ${dir}/tmp/${k};`).join("\n");
  const conf = `${process.getuid?.() === 0 ? "user root;\n" : ""}worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  types { text/html html; }
  keepalive_requests 1000000;
${temp}
  server {
    listen 127.0.0.1:${port};
    root ${dir}/www;
    index index.html;
    location /pyauth/ { auth_basic "pyauth"; auth_basic_user_file ${dir}/htpasswd; }
  }
}
`;
  writeFileSync(join(dir, "nginx.conf"), conf);
  const child = spawn("nginx", ["-c", join(dir, "nginx.conf"), "-p", dir], { stdio: "ignore" });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`${url}/`);
      return { url, child };
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`nginx did not start; see ${dir}/error.log`);
}

async function fetchPages(url: string, paths: readonly string[], headers: Record<string, string>): Promise<Map<string, string>> {
  const pages = new Map<string, string>();
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < paths.length) {
        const path = paths[next++] ?? "";
        const res = await fetch(`${url}${path}`, { headers });
        if (res.status !== 200) throw new Error(`${path} → ${res.status}`);
        pages.set(path, await res.text());
      }
    }),
  );
  return pages;
}

async function load(url: string, paths: readonly string[], headers: Record<string, string>): Promise<CannonResult> {
  let i = 0;
  const requests = [{ setupRequest: (req: CannonRequest) => ({ ...req, path: paths[i++ % paths.length] ?? "/" }) }];
  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers, requests });
  return autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers, requests });
}

const work = mkdtempSync(join(tmpdir(), "gh-bench-simple-"));
const children: ChildProcess[] = [];
try {
  const t0 = performance.now();
  const token = await populate(join(work, "data"));
  console.log(`populated ${PROJECTS.toLocaleString("en")} projects (${(PROJECTS * 2).toLocaleString("en")} files) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const gh = await startGatehouseProcess(join(work, "data"));
  children.push(gh.child);
  const basic = { authorization: `Basic ${Buffer.from(`__token__:${token}`).toString("base64")}` };
  const sample = Array.from({ length: SAMPLED }, (_, k) => projectName(Math.floor((k * PROJECTS) / SAMPLED)));
  const pathsOf = (repo: string) => sample.map((p) => `/${repo}/latest/simple/${p}/`);
  // Warming renders every sampled page once (as the first pip install after a publish would), and gives nginx its files.
  const pages = new Map([...(await fetchPages(gh.url, pathsOf("pyauth"), basic)), ...(await fetchPages(gh.url, pathsOf("pypub"), {}))]);
  const nginx = await startNginx(join(work, "nginx"), pages, token);
  children.push(nginx.child);

  const rows: [string, CannonResult][] = [];
  rows.push(["gatehouse anonymous", await load(gh.url, pathsOf("pypub"), {})]);
  rows.push(["gatehouse Basic token", await load(gh.url, pathsOf("pyauth"), basic)]);
  rows.push(["nginx static", await load(nginx.url, pathsOf("pypub"), {})]);
  rows.push(["nginx auth_basic (apr1)", await load(nginx.url, pathsOf("pyauth"), basic)]);

  console.log(`\n/simple/<project>/ over ${SAMPLED.toLocaleString("en")} of ${PROJECTS.toLocaleString("en")} projects, ${CONNECTIONS} connections, ${SECONDS} s each\n`);
  console.log(`${"server".padEnd(26)}${"req/s".padStart(10)}${"p50 ms".padStart(9)}${"p99 ms".padStart(9)}${"non-2xx".padStart(9)}`);
  for (const [label, r] of rows) {
    console.log(`${label.padEnd(26)}${r.requests.average.toFixed(0).padStart(10)}${String(r.latency.p50).padStart(9)}${String(r.latency.p99).padStart(9)}${String(r.non2xx + r.errors).padStart(9)}`);
  }
  const rate = (label: string) => rows.find(([l]) => l === label)?.[1].requests.average ?? Number.NaN;
  const authCost = 1 - rate("gatehouse Basic token") / rate("gatehouse anonymous");
  console.log(`\ngatehouse / nginx (anonymous): ${((100 * rate("gatehouse anonymous")) / rate("nginx static")).toFixed(0)} %   (goal ≥ 50 %)`);
  console.log(`gatehouse / nginx (authenticated): ${((100 * rate("gatehouse Basic token")) / rate("nginx auth_basic (apr1)")).toFixed(0)} %`);
  console.log(`cost of authentication in gatehouse: ${(100 * authCost).toFixed(1)} %   (goal ≤ 5 %)`);
} finally {
  for (const child of children) child.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  rmSync(work, { recursive: true, force: true });
}

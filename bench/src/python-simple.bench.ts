// Simple-index throughput: requests/s and p50/p99 latency of GET /<repo>/latest/simple/<project>/ on
// a repo of 20,000 projects (random pages out of 2,000 sampled ones, picked per request by a wrk Lua
// script), Gatehouse (the built server, PGlite, one process) beside nginx serving the very same pages
// as static files with `worker_processes 2` (one per core, as many as Gatehouse could use), with
// `auth_basic` for the authenticated repo: its password stored `{SHA}` (htpasswd -s, one SHA-1 per
// request, the cheapest hashed check; BENCH_NGINX_HASH=apr1 for htpasswd's default MD5-crypt, which
// costs nginx 1,000 MD5 rounds per request and makes it an order of magnitude slower). Debian's wrk for both,
// `wrk -t2 -c32 --latency`, runs alternating A B A B in one process run, each round rotated by one row. Gatehouse is measured
// anonymous on a public repo, Basic `__token__:<token>` and Bearer on an authenticated one; both
// token modes are compared with nginx auth_basic (nginx has no Bearer check of its own).
// wrk, nginx and Gatehouse share the machine's cores: read ratios, not absolutes.
// BENCH_SECONDS (default 5) per run, BENCH_ROUNDS (default 2), BENCH_PROJECTS (default 20,000).
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startGatehouseProcess } from "../support/gatehouse-process.js";
import { requireNginx, startNginx } from "../support/nginx.js";
import { AUTH_REPO, PUBLIC_REPO, populatePythonRepos, projectName } from "../support/python-repos.js";
import { type WrkResult, requireWrk, runWrk, writePathList } from "../support/wrk.js";

const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 20_000);
const SAMPLED = Math.min(PROJECTS, 2_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const NGINX_WORKERS = 2;
const NGINX_HASH = process.env.BENCH_NGINX_HASH === "apr1" ? "apr1" : "sha";
const NGINX_AUTH = `auth_basic (${NGINX_HASH === "apr1" ? "apr1" : "{SHA}"})`;
const GOAL_RATIO = 0.5;
const GOAL_AUTH_COST = 0.05;
const GOAL_P99_MS = 10;

interface Config {
  server: "gatehouse" | "nginx";
  mode: string;
  origin: string;
  pathsFile: string;
  headers: Record<string, string>;
  /** The nginx config this one is compared with (nginx rows compare with themselves). */
  baseline: string;
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

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}

function summarize(results: readonly WrkResult[]): { rps: number; p50: number; p99: number; errors: number } {
  return {
    rps: mean(results.map((r) => r.rps)),
    p50: mean(results.map((r) => r.p50Ms)),
    p99: Math.max(...results.map((r) => r.p99Ms)),
    errors: results.reduce((a, r) => a + r.statusErrors + r.socketErrors, 0),
  };
}

requireWrk();
requireNginx();
const work = mkdtempSync(join(tmpdir(), "gh-bench-simple-"));
const children: ChildProcess[] = [];
try {
  const t0 = performance.now();
  const token = await populatePythonRepos({ dataDir: join(work, "data") }, PROJECTS);
  console.log(`populated ${PROJECTS.toLocaleString("en")} projects (${(PROJECTS * 2).toLocaleString("en")} files) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const gh = await startGatehouseProcess(join(work, "data"));
  children.push(gh.child);
  const basic = { authorization: `Basic ${Buffer.from(`__token__:${token}`).toString("base64")}` };
  const bearer = { authorization: `Bearer ${token}` };
  const sample = Array.from({ length: SAMPLED }, (_, k) => projectName(Math.floor((k * PROJECTS) / SAMPLED)));
  const pathsOf = (repo: string) => sample.map((p) => `/${repo}/latest/simple/${p}/`);
  // Warming renders every sampled page once (as the first pip install after a publish would), and gives nginx its files.
  const pages = new Map([...(await fetchPages(gh.url, pathsOf(AUTH_REPO), basic)), ...(await fetchPages(gh.url, pathsOf(PUBLIC_REPO), {}))]);
  const nginx = await startNginx(join(work, "nginx"), { pages, protectedPrefixes: [`/${AUTH_REPO}/`], password: token, hash: NGINX_HASH, workers: NGINX_WORKERS });
  children.push(nginx.child);
  const authPaths = writePathList(work, "auth", pathsOf(AUTH_REPO));
  const publicPaths = writePathList(work, "public", pathsOf(PUBLIC_REPO));

  const configs: Config[] = [
    { server: "gatehouse", mode: "anonymous (public repo)", origin: gh.url, pathsFile: publicPaths, headers: {}, baseline: "static" },
    { server: "nginx", mode: "static", origin: nginx.url, pathsFile: publicPaths, headers: {}, baseline: "static" },
    { server: "gatehouse", mode: "Basic __token__", origin: gh.url, pathsFile: authPaths, headers: basic, baseline: NGINX_AUTH },
    { server: "nginx", mode: NGINX_AUTH, origin: nginx.url, pathsFile: authPaths, headers: basic, baseline: NGINX_AUTH },
    { server: "gatehouse", mode: "Bearer", origin: gh.url, pathsFile: authPaths, headers: bearer, baseline: NGINX_AUTH },
  ];
  // One short unreported run each warms the JIT and opens the connections.
  for (const c of configs) await runWrk({ ...c, seconds: 1 });
  const results = new Map<Config, WrkResult[]>(configs.map((c) => [c, []]));
  // Each round starts one row later, so no row always runs in the same slot (right after nginx, or last).
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < configs.length; i++) {
      const c = configs[(i + round) % configs.length] as Config;
      results.get(c)?.push(await runWrk({ ...c, seconds: SECONDS }));
    }
  }

  const figures = new Map(configs.map((c) => [c, summarize(results.get(c) ?? [])]));
  const nginxRps = (mode: string) => [...figures].find(([c]) => c.server === "nginx" && c.mode === mode)?.[1].rps ?? Number.NaN;
  const anonymous = figures.get(configs[0] as Config)?.rps ?? Number.NaN;
  console.log(
    `\nGET /<repo>/latest/simple/<project>/, ${SAMPLED.toLocaleString("en")} random pages of ${PROJECTS.toLocaleString("en")} projects; wrk -t2 -c32 --latency, ${ROUNDS} × ${SECONDS} s per row (alternating); nginx worker_processes ${NGINX_WORKERS}\n`,
  );
  const head = ["server", "auth mode", "req/s", "p50 ms", "p99 ms", "× nginx", "goal", "result"];
  const widths = [10, 25, 9, 8, 8, 8, 30, 7];
  const line = (cells: string[]) => console.log(cells.map((cell, i) => (i < 2 || i === 6 ? cell.padEnd(widths[i] ?? 8) : cell.padStart(widths[i] ?? 8))).join(" "));
  line(head);
  for (const [c, f] of figures) {
    const ratio = f.rps / nginxRps(c.baseline);
    let goal = "—";
    let pass = true;
    if (c.server === "gatehouse" && c.headers.authorization) {
      goal = `≥ ${GOAL_RATIO}× ${c.baseline}, p99 ≤ ${GOAL_P99_MS} ms`;
      pass = ratio >= GOAL_RATIO && f.p99 <= GOAL_P99_MS;
    } else if (c.server === "gatehouse") {
      goal = `p99 ≤ ${GOAL_P99_MS} ms`;
      pass = f.p99 <= GOAL_P99_MS;
    }
    if (f.errors > 0) pass = false;
    const result = goal === "—" ? "" : pass ? "pass" : "FAIL";
    line([c.server, c.mode, f.rps.toFixed(0), f.p50.toFixed(2), f.p99.toFixed(2), ratio.toFixed(2), goal, `${result}${f.errors > 0 ? ` (${f.errors} errors)` : ""}`]);
  }
  for (const c of configs.filter((x) => x.server === "gatehouse" && x.headers.authorization)) {
    const cost = 1 - (figures.get(c)?.rps ?? Number.NaN) / anonymous;
    console.log(`cost of authentication (${c.mode} vs anonymous): ${(100 * cost).toFixed(1)} %   (goal ≤ ${100 * GOAL_AUTH_COST} %) ${cost <= GOAL_AUTH_COST ? "pass" : "FAIL"}`);
  }
} finally {
  for (const child of children) child.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  rmSync(work, { recursive: true, force: true });
}

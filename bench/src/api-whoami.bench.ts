// Requests per second on /__api__/whoami, anonymous vs authenticated with a Bearer token,
// against the real server (startServer, through the Hono routes: the API has no fast path) on
// loopback, Debian's wrk -t2 -c32 as the load generator in its own process, alternating
// anonymous / Bearer / anonymous. Goal: authentication costs at most 5% of throughput (the
// verifier cache answers known tokens without a database round trip). BENCH_DURATION s per run (8).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig, startServer } from "@gatehouse/api";
import { type WrkResult, requireWrk, runWrk, writePathList } from "../support/wrk.js";

const DURATION_S = Number(process.env.BENCH_DURATION ?? 8);

requireWrk();
const dataDir = mkdtempSync(join(tmpdir(), "gh-bench-whoami-"));
const server = await startServer(loadConfig({ GATEHOUSE_LOG_LEVEL: "silent" }, { port: 0, dataDir }));
try {
  const token = server.firstToken?.token;
  if (!token) throw new Error("expected a first admin token");
  const pathsFile = writePathList(dataDir, "whoami", ["/__api__/whoami"]);
  const load = (headers: Record<string, string>) => runWrk({ origin: server.url, pathsFile, seconds: DURATION_S, headers });
  await runWrk({ origin: server.url, pathsFile, seconds: 1 }); // warm-up: JIT
  const anonymous = await load({});
  const authenticated = await load({ authorization: `Bearer ${token}` });
  const anonymous2 = await load({});
  const base = (anonymous.rps + anonymous2.rps) / 2;
  const cost = ((base - authenticated.rps) / base) * 100;
  console.log(`GET /__api__/whoami, wrk -t2 -c32, ${DURATION_S}s per run (loopback)`);
  console.log("run             req/s      p50 ms  p99 ms  errors");
  const rows: [string, WrkResult][] = [
    ["anonymous", anonymous],
    ["authenticated", authenticated],
    ["anonymous again", anonymous2],
  ];
  for (const [name, f] of rows) {
    console.log(`${name.padEnd(15)} ${f.rps.toFixed(0).padStart(8)}  ${f.p50Ms.toFixed(2).padStart(6)}  ${f.p99Ms.toFixed(2).padStart(6)}  ${f.statusErrors + f.socketErrors}`);
  }
  console.log(`authentication cost: ${cost.toFixed(1)}% of anonymous throughput (goal <= 5%) ${cost <= 5 ? "pass" : "FAIL"}`);
} finally {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}

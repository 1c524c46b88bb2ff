// Requests per second on /__api__/whoami, anonymous vs authenticated with a Bearer token,
// against the real server (startServer) on loopback, 32 connections, autocannon as the
// load generator. Goal: authentication costs at most 5% of throughput (the verifier
// cache answers known tokens without a database round trip).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig, startServer } from "@gatehouse/api";
import autocannon from "autocannon";

const DURATION_S = Number(process.env.BENCH_DURATION ?? 8);
const CONNECTIONS = 32;

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}

async function load(url: string, headers: Record<string, string>): Promise<Figures> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx };
}

const dataDir = mkdtempSync(join(tmpdir(), "gh-bench-whoami-"));
const server = await startServer(loadConfig({ GATEHOUSE_LOG_LEVEL: "silent" }, { port: 0, dataDir }));
try {
  const token = server.firstToken?.token;
  if (!token) throw new Error("expected a first admin token");
  const url = `${server.url}/__api__/whoami`;
  await load(url, {}); // warm-up: JIT, connection pools
  const anonymous = await load(url, {});
  const authenticated = await load(url, { authorization: `Bearer ${token}` });
  const anonymous2 = await load(url, {});
  const base = (anonymous.rps + anonymous2.rps) / 2;
  const cost = ((base - authenticated.rps) / base) * 100;
  console.log(`GET /__api__/whoami, ${CONNECTIONS} connections, ${DURATION_S}s per run (autocannon, loopback)`);
  console.log("run             req/s      p50 ms  p99 ms  non-2xx");
  for (const [name, f] of [["anonymous", anonymous], ["authenticated", authenticated], ["anonymous again", anonymous2]] as const) {
    console.log(`${name.padEnd(15)} ${f.rps.toFixed(0).padStart(8)}  ${String(f.p50).padStart(6)}  ${String(f.p99).padStart(6)}  ${f.non2xx}`);
  }
  console.log(`authentication cost: ${cost.toFixed(1)}% of anonymous throughput (goal <= 5%)`);
} finally {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}

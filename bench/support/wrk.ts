import { spawn, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

/** What one wrk run measured. Latencies in milliseconds. */
export interface WrkResult {
  requests: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Responses with a status of 400 or more. */
  statusErrors: number;
  /** Connect, read, write and timeout errors. */
  socketErrors: number;
}

/** One load run: the URL's origin, the paths to pick from at random, and the headers of every request. */
export interface WrkRun {
  origin: string;
  pathsFile: string;
  headers?: Record<string, string>;
  seconds: number;
  connections?: number;
  threads?: number;
}

const WRK = "/usr/bin/wrk";
const MARKER = "WRK_RESULT";

// Each wrk thread loads the list once and picks a random path per request;
// `done` prints one machine-readable line (wrk's own summary stays on stdout above it).
const SCRIPT = `
local paths = {}
local file = os.getenv("WRK_PATHS")
for line in io.lines(file) do if #line > 0 then paths[#paths + 1] = line end end
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
end
function init(args)
  math.randomseed(os.time() + (seed or 0) * 7919)
end
function request()
  return wrk.format(nil, paths[math.random(#paths)])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("${MARKER} %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), e.status, e.connect + e.read + e.write + e.timeout))
end
`;

/** Throws with the install command when Debian's wrk is missing. */
export function requireWrk(): void {
  if (spawnSync(WRK, ["--version"]).error) throw new Error(`${WRK} is missing: apt-get install -y wrk`);
}

/**
 * Writes the random-path Lua script and the list of paths into `dir`; returns the list's path.
 * @example const pathsFile = writePathList(work, "auth", paths)
 */
export function writePathList(dir: string, name: string, paths: readonly string[]): string {
  const file = join(dir, `${name}.paths`);
  writeFileSync(file, `${paths.join("\n")}\n`);
  writeFileSync(join(dir, "random-path.lua"), SCRIPT);
  return file;
}

/**
 * Runs `wrk -t2 -c32 -d<seconds>s --latency` with the random-path script next to the list of paths.
 * @example const r = await runWrk({ origin: gh.url, pathsFile, seconds: 5, headers: { authorization } })
 */
export function runWrk(run: WrkRun): Promise<WrkResult> {
  const script = join(run.pathsFile, "..", "random-path.lua");
  const args = ["-t", String(run.threads ?? 2), "-c", String(run.connections ?? 32), "-d", `${run.seconds}s`, "--latency", "-s", script];
  for (const [name, value] of Object.entries(run.headers ?? {})) args.push("-H", `${name}: ${value}`);
  args.push(run.origin);
  return new Promise((resolve, reject) => {
    const child = spawn(WRK, args, { env: { ...process.env, WRK_PATHS: run.pathsFile }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      const m = new RegExp(`${MARKER} (\\d+) (\\d+) (\\d+) (\\d+) (\\d+) (\\d+)`).exec(out);
      if (code !== 0 || !m) return reject(new Error(`wrk failed (exit ${code}): ${out}`));
      const [requests, durationUs, p50Us, p99Us, statusErrors, socketErrors] = m.slice(1).map(Number) as [number, number, number, number, number, number];
      const seconds = durationUs / 1e6;
      resolve({ requests, seconds, rps: requests / seconds, p50Ms: p50Us / 1000, p99Ms: p99Us / 1000, statusErrors, socketErrors });
    });
  });
}

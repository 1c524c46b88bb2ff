import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunningGatehouse } from "./gatehouse.js";

/** Output of one client run (stdout and stderr together, as a user reads them). */
export interface ClientRun {
  code: number;
  output: string;
}

/** A throwaway HOME so no user or machine configuration leaks into a client run. */
export function makeHome(prefix = "gh-py-home-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

function run(command: string, args: readonly string[], env: Record<string, string>): ClientRun {
  const r = spawnSync(command, [...args], { env, encoding: "utf8", timeout: 240_000 });
  return { code: r.status ?? -1, output: `${r.stdout ?? ""}${r.stderr ?? ""}` };
}

/**
 * Runs the machine's pip isolated: empty environment, no config file (the
 * machine's global pip.conf adds local wheel folders otherwise), no cache, no prompts.
 */
export function runPip(python: string, args: readonly string[], options: { home: string; env?: Record<string, string> }): ClientRun {
  const env = { PATH: "/usr/bin:/bin", HOME: options.home, PIP_CONFIG_FILE: "/dev/null", PIP_DISABLE_PIP_VERSION_CHECK: "1", ...options.env };
  return run(python, ["-m", "pip", "--no-input", "--no-cache-dir", ...args], env);
}

/** Runs Debian's twine non-interactively with a token. */
export function runTwine(args: readonly string[], options: { home: string }): ClientRun {
  return run("twine", ["upload", "--non-interactive", "--disable-progress-bar", ...args], { PATH: "/usr/bin:/bin", HOME: options.home });
}

/** Calls the JSON API as the admin (repo and source set-up). */
export async function adminApi(gh: RunningGatehouse, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${gh.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${gh.adminToken}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as unknown;
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

/** Creates a local python source and a python repo subscribed to it. */
export async function createPythonRepo(gh: RunningGatehouse, repo: string, source: string, authenticated: boolean): Promise<void> {
  await adminApi(gh, "POST", "/__api__/sources", { name: source, kind: "python" });
  await adminApi(gh, "POST", "/__api__/repos", { name: repo, type: "python", authenticated });
  await adminApi(gh, "POST", `/__api__/repos/${repo}/subscriptions`, { source });
}

/** Mints a token with the CLI (local mode) and returns its plaintext. */
export function mintToken(gh: RunningGatehouse, args: readonly string[]): string {
  const r = gh.cli(["create", "token", ...args, "--description", "python e2e", "--user", "py-e2e@example.com", "--quiet"]);
  if (r.code !== 0) throw new Error(`create token failed: ${r.stderr}`);
  return r.stdout.trim();
}

/** Writes a netrc holding one machine entry (mode 0600, as clients expect). */
export function writeNetrc(dir: string, host: string, token: string): string {
  const path = join(dir, "netrc");
  writeFileSync(path, `machine ${host}\nlogin __token__\npassword ${token}\n`, { mode: 0o600 });
  return path;
}

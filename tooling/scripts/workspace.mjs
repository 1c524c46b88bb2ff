// Shared by the root `serve` and `test` scripts: make sure pnpm, the installed
// dependencies and the build are there, so both work on a machine with only Node and npm.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";

export const root = join(import.meta.dirname, "..", "..");
const PNPM_VERSION = "10.34.9";

/** Runs a command in the repo root, inheriting stdio; exits on failure. */
export function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: "inherit", ...options });
  if (result.error) throw result.error;
  if (result.status !== 0 && !options.allowFailure) process.exit(result.status ?? 1);
  return result.status ?? 1;
}

/** The pnpm command to use: the installed one, else npx fetches the pinned version from npm. */
export function pnpmCommand() {
  const probe = spawnSync("pnpm", ["--version"], { encoding: "utf8" });
  if (probe.status === 0) return ["pnpm", []];
  return ["npx", ["--yes", `pnpm@${PNPM_VERSION}`]];
}

/** Installs dependencies when the lockfile is newer than the last install, then builds (turbo caches). */
export function prepareWorkspace({ quiet = false } = {}) {
  const [pnpm, pre] = pnpmCommand();
  const marker = join(root, "node_modules", ".modules.yaml");
  const lock = join(root, "pnpm-lock.yaml");
  if (!existsSync(marker) || statSync(lock).mtimeMs > statSync(marker).mtimeMs) {
    run(pnpm, [...pre, "install", "--frozen-lockfile"]);
  }
  run(pnpm, [...pre, "exec", "turbo", "run", "build", ...(quiet ? ["--output-logs=errors-only"] : [])], {
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" },
  });
  return [pnpm, pre];
}

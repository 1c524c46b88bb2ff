import { spawnSync } from "node:child_process";
import { expect } from "vitest";

const found = spawnSync("Rscript", ["--version"], { encoding: "utf8" });

/** Whether a real R is on this machine. */
export const hasR = found.status === 0;

/** When set, tests needing real R fail instead of being skipped. */
export const requireClients = process.env.GATEHOUSE_REQUIRE_CLIENTS === "1";

/** Suite title that says why it is skipped when R is missing. */
export function titleWithR(title: string): string {
  if (hasR) return `${title} (real R)`;
  if (requireClients) return `${title} (Rscript required by GATEHOUSE_REQUIRE_CLIENTS=1 but not found)`;
  return `${title} (skipped: Rscript not found; set GATEHOUSE_REQUIRE_CLIENTS=1 to fail instead)`;
}

/** Runs an R script with arguments, failing the test on a non-zero exit; returns stdout. */
export function runR(script: string, args: readonly string[] = []): string {
  if (!hasR) throw new Error("Rscript is required (GATEHOUSE_REQUIRE_CLIENTS=1) but was not found on PATH");
  const run = spawnSync("Rscript", ["--vanilla", "-e", script, ...args], { encoding: "utf8", env: { ...process.env, LANG: "C.UTF-8", LC_ALL: "C.UTF-8" } });
  expect(run.status, `R failed:\n${run.stderr}`).toBe(0);
  return run.stdout;
}

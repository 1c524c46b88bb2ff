import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

/**
 * Whether a real client is installed. When GATEHOUSE_REQUIRE_CLIENTS=1 (CI) a
 * missing client is an error, so its tests can never be skipped silently.
 */
export function hasClient(name: string, probe: readonly string[] = ["--version"]): boolean {
  const found = name.startsWith("/") ? existsSync(name) : spawnSync(name, [...probe], { stdio: "ignore" }).status === 0;
  if (!found && process.env.GATEHOUSE_REQUIRE_CLIENTS === "1") {
    throw new Error(`${name} is required (GATEHOUSE_REQUIRE_CLIENTS=1) but not installed; .ci/run installs it with apt-get`);
  }
  return found;
}

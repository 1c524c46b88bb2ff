import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { COMMANDS } from "../index.js";
import { type CliRun, loadCliConfig, runCommand } from "./run-command.js";

export type { CliRun };

/** The CLI run in this process, in local mode over an embedded database in a temporary folder (test support). */
export interface InProcessCli {
  run(id: keyof typeof COMMANDS, ...argv: string[]): Promise<CliRun>;
  dataDir: string;
  /** Removes the folder and puts the environment back. */
  close(): void;
}

/**
 * Opens the in-process CLI (test support): each `run` is one command against the same data folder.
 * @example const cli = await openInProcessCli("gh-cli-audit-"); await cli.run("list:tokens", "-o", "json")
 */
export async function openInProcessCli(tempPrefix: string): Promise<InProcessCli> {
  const config = await loadCliConfig();
  const dataDir = mkdtempSync(join(tmpdir(), tempPrefix));
  const env = { ...process.env };
  // Local mode for the whole session: a test may still set these itself to exercise the remote checks.
  delete process.env.GATEHOUSE_ADDRESS;
  delete process.env.GATEHOUSE_TOKEN;
  return {
    dataDir,
    run: (id, ...argv) => runCommand(config, id, [...argv, "--data", dataDir]),
    close() {
      process.env = env;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

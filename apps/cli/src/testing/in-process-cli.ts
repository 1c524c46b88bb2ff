import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Config } from "@oclif/core";
import { vi } from "vitest";
import { COMMANDS } from "../index.js";

/** What one command printed and how it exited. */
export interface CliRun {
  stdout: string;
  stderr: string;
  exitCode: number;
}

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
  // A config without the command list: oclif would import the built commands natively, outside vitest.
  const pjson = { name: "@gatehouse/cli", version: "0.0.0", oclif: { bin: "gatehouse", topicSeparator: " " as const } };
  const config = await Config.load({ root: join(import.meta.dirname, "..", ".."), pjson });
  const dataDir = mkdtempSync(join(tmpdir(), tempPrefix));
  const env = { ...process.env };
  delete process.env.GATEHOUSE_ADDRESS;
  delete process.env.GATEHOUSE_TOKEN;
  return {
    dataDir,
    async run(id, ...argv) {
      const out: string[] = [];
      const err: string[] = [];
      const stdout = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => out.push(String(chunk)) > 0);
      const stderr = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => err.push(String(chunk)) > 0);
      process.exitCode = 0;
      try {
        await COMMANDS[id].run([...argv, "--data", dataDir], config);
      } finally {
        stdout.mockRestore();
        stderr.mockRestore();
      }
      const exitCode = Number(process.exitCode ?? 0);
      process.exitCode = 0;
      return { stdout: out.join(""), stderr: err.join(""), exitCode };
    },
    close() {
      process.env = env;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

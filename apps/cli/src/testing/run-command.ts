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

/** Environment changes for one run: a string sets the variable, undefined removes it. */
export type EnvOverrides = Record<string, string | undefined>;

let loaded: Promise<Config> | undefined;

/**
 * Loads the CLI's oclif config once per test file (test support).
 * @example const config = await loadCliConfig()
 */
export function loadCliConfig(): Promise<Config> {
  // A config without the command list: oclif would import the built commands natively, outside vitest.
  const pjson = { name: "@gatehouse/cli", version: "0.0.0", oclif: { bin: "gatehouse", topicSeparator: " " as const } };
  loaded ??= Config.load({ root: join(import.meta.dirname, "..", ".."), pjson });
  return loaded;
}

/** Applies the overrides and returns a function that puts every touched variable back as it was. */
function applyEnv(env: EnvOverrides): () => void {
  const saved = Object.keys(env).map((key) => [key, process.env[key]] as const);
  const assign = (key: string, value: string | undefined) => {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  };
  for (const [key, value] of Object.entries(env)) assign(key, value);
  return () => {
    for (const [key, value] of saved) assign(key, value);
  };
}

/**
 * Runs one command in this process with stdout and stderr captured (test support).
 * The environment, the stream writers and process.exitCode are all put back afterwards, even when the command throws.
 * @example const { stdout, exitCode } = await runCommand(config, "list:repos", ["-o", "json"], { GATEHOUSE_TOKEN: undefined })
 */
export async function runCommand(config: Config, id: keyof typeof COMMANDS, argv: string[], env: EnvOverrides = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const restoreEnv = applyEnv(env);
  const stdout = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => out.push(String(chunk)) > 0);
  const stderr = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => err.push(String(chunk)) > 0);
  process.exitCode = 0;
  let exitCode = 0;
  try {
    await COMMANDS[id].run(argv, config);
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    restoreEnv();
    exitCode = Number(process.exitCode ?? 0);
    // Commands report failure through process.exitCode; left set, it would become vitest's own exit code.
    process.exitCode = 0;
  }
  return { stdout: out.join(""), stderr: err.join(""), exitCode };
}

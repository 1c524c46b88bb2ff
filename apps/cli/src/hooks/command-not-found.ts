import { closestName } from "@gatehouse/scope-engine";
import type { Hook } from "@oclif/core";
import { EXIT_USAGE } from "../cli-error.js";

/**
 * The message for a command that does not exist, naming the closest one
 * (ids use ':' inside oclif and spaces on the command line).
 *
 * @example describeUnknownCommand("lst:repos", ["list:repos"]) // "gatehouse: 'lst repos' is not a gatehouse command; did you mean 'gatehouse list repos'?…"
 */
export function describeUnknownCommand(id: string, commandIds: readonly string[]): string {
  const typed = id.replaceAll(":", " ");
  if (typed.startsWith("-")) return `gatehouse: '${typed}' comes before the command: write the command first, then its flags (gatehouse list repos ${typed} …)`;
  const near = closestName(typed, commandIds.map((c) => c.replaceAll(":", " ")));
  const suggestion = near === undefined ? "" : `; did you mean 'gatehouse ${near}'?`;
  return `gatehouse: '${typed}' is not a gatehouse command${suggestion}\n  hint: gatehouse --help lists the commands`;
}

/** oclif's command_not_found hook: one line with a "did you mean", exit code 2, no stack. */
const commandNotFound: Hook.CommandNotFound = async (options) => {
  process.stderr.write(`${describeUnknownCommand(options.id, options.config.commandIDs)}\n`);
  process.exitCode = EXIT_USAGE;
};

export default commandNotFound;

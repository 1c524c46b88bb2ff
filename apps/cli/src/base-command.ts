import { Command, Errors, Flags, type Interfaces } from "@oclif/core";
import { normalizeBooleanFlags } from "./boolean-flags.js";
import { CliError, EXIT_FAILURE, EXIT_USAGE, formatCliError } from "./cli-error.js";
import { type Connection, connect } from "./client/connect.js";
import { safeTerminalText } from "./output/terminal-text.js";

/** Parsed flags of a command, including the global ones. */
export type CommandFlags<T extends typeof Command> = Interfaces.InferredFlags<(typeof BaseCommand)["baseFlags"] & T["flags"]>;
/** Parsed args of a command. */
export type CommandArgs<T extends typeof Command> = Interfaces.InferredArgs<T["args"]>;

/**
 * Global flags (`--address`, `-o`, `--verbose`, `--data`), the connection to
 * Gatehouse, output helpers and the one error handler every command shares.
 */
export abstract class BaseCommand<T extends typeof Command> extends Command {
  static override baseFlags = {
    address: Flags.string({ description: "server URL for remote mode (token in GATEHOUSE_TOKEN)", env: "GATEHOUSE_ADDRESS", helpGroup: "GLOBAL" }),
    output: Flags.string({ char: "o", description: "output format", options: ["human", "json"], default: "human", helpGroup: "GLOBAL" }),
    verbose: Flags.boolean({ description: "show details (stack traces) on errors", default: false, helpGroup: "GLOBAL" }),
    data: Flags.string({ description: "data folder of the embedded database (local mode)", env: "GATEHOUSE_DATA_DIR", helpGroup: "GLOBAL" }),
  };

  /** Boolean flags that also take `=true|false` or `true|false` (the seeds' spelling, e.g. rspm's `--authenticated=false`). */
  static booleanValueFlags: readonly string[] = [];

  declare protected flags: CommandFlags<T>;
  declare protected args: CommandArgs<T>;
  private connection: Connection | undefined;

  /** Whether this command refuses remote mode. */
  protected localOnly = false;

  public override async init(): Promise<void> {
    await super.init();
    const ctor = this.ctor as typeof BaseCommand;
    const normalized = normalizeBooleanFlags(this.argv, ctor.booleanValueFlags);
    this.argv = normalized.argv;
    const { args, flags } = await this.parse({ flags: ctor.flags, baseFlags: ctor.baseFlags, args: ctor.args, strict: ctor.strict });
    this.flags = flags as CommandFlags<T>;
    this.args = args as CommandArgs<T>;
    // Thrown after parsing, so oclif does not also warn that the command never parsed.
    if (normalized.refused) throw normalized.refused;
  }

  /** The connection to Gatehouse (its mode, and in-process its domain), opened on first use. */
  protected async connected(): Promise<Connection> {
    this.connection ??= await connect({
      address: this.flags.address,
      dataDir: this.flags.data,
      env: process.env,
      localOnly: this.localOnly,
    });
    return this.connection;
  }

  /** The API client of the connection, opened on first use. */
  protected async api() {
    return (await this.connected()).client;
  }

  /** Whether output is JSON. */
  protected get json(): boolean {
    return this.flags.output === "json";
  }

  /** Writes a line to stdout, control characters shown escaped (text holds server-supplied strings). */
  protected out(text: string): void {
    process.stdout.write(`${safeTerminalText(text)}\n`);
  }

  /** Writes a message to stderr (messages never go to stdout, so stdout stays scriptable). */
  protected note(text: string): void {
    process.stderr.write(`${safeTerminalText(text)}\n`);
  }

  /** Prints a value as JSON (for -o json), exactly: JSON.stringify escapes control characters itself. */
  protected printJson(value: unknown): void {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  protected override async catch(err: Error & { exitCode?: number }): Promise<void> {
    const verbose = process.argv.includes("--verbose");
    if (err instanceof CliError) {
      process.stderr.write(`${safeTerminalText(formatCliError(err))}\n`);
      if (verbose && err.stack) process.stderr.write(`${err.stack}\n`);
      process.exitCode = err.exitCode;
      return;
    }
    if (err instanceof Errors.ExitError) throw err;
    // oclif's own parse errors (unknown flag, missing flag, bad option) are usage errors;
    // their messages wrap the useful lines in boilerplate, which is dropped here.
    const isParse = "parse" in err || /flag|argument|Expected|Missing|Unexpected|Nonexistent/i.test(err.message);
    const useful = err.message
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !/^The following error occurred|^See more help with/.test(l));
    process.stderr.write(`gatehouse: ${safeTerminalText(useful.join("; ") || err.message)}${isParse ? "\n  hint: see --help" : ""}\n`);
    if (verbose && err.stack) process.stderr.write(`${err.stack}\n`);
    process.exitCode = isParse ? EXIT_USAGE : EXIT_FAILURE;
  }

  protected override async finally(err: Error | undefined): Promise<void> {
    await this.connection?.close();
    await super.finally(err);
  }
}

import type { RunningServer, ServerConfig } from "@gatehouse/api";
import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../base-command.js";
import { CliError } from "../cli-error.js";

function banner(server: RunningServer, dataDir: string): string {
  const lines = [`Gatehouse is listening on ${server.url} (data: ${dataDir})`];
  const first = server.firstToken;
  if (first) {
    lines.push(
      "",
      "First start: an administrator (global:admin) token was created. It is shown only this once:",
      "",
      `    ${first.token}`,
      "",
      "Try it:",
      `    export GATEHOUSE_ADDRESS=${server.url} GATEHOUSE_TOKEN=${first.token}`,
      `    curl -H "Authorization: Bearer $GATEHOUSE_TOKEN" ${server.url}${ops.account.whoami.path}`,
      "    pnpm gatehouse list tokens",
      "",
    );
  }
  lines.push(`API docs: ${server.url}/__api__/docs   console: ${server.url}/__admin__/`);
  return lines.join("\n");
}

/** `gatehouse serve`. */
export default class Serve extends BaseCommand<typeof Serve> {
  static override summary = "Start the server (embedded database in ./.gatehouse unless DATABASE_URL is set)";
  static override flags = {
    host: Flags.string({ description: "address to listen on", env: "GATEHOUSE_HOST" }),
    port: Flags.integer({ description: "port to listen on (0 = any free port)", env: "GATEHOUSE_PORT", min: 0, max: 65535 }),
    config: Flags.string({ description: "a TOML file of settings (keys in the README's Configuration table; environment variables override it)", env: "GATEHOUSE_CONFIG" }),
  };

  async run(): Promise<void> {
    // Imported here, not at the top: every other command's start (and --help) would pay for the server.
    const { ConfigError, loadConfig, startServer } = await import("@gatehouse/api");
    let config: ServerConfig;
    try {
      config = loadConfig(process.env, {
        ...(this.flags.host ? { host: this.flags.host } : {}),
        ...(this.flags.port !== undefined ? { port: this.flags.port } : {}),
        ...(this.flags.data ? { dataDir: this.flags.data } : {}),
      }, { file: this.flags.config });
    } catch (err) {
      if (err instanceof ConfigError) throw new CliError(err.message, { code: "CONFIG_INVALID", exitCode: 2 });
      throw err;
    }
    let server: RunningServer;
    try {
      server = await startServer(config);
    } catch (err) {
      const code = (err as { code?: string }).code;
      const message = err instanceof Error ? err.message : String(err);
      if (code === "EADDRINUSE") throw new CliError(`port ${config.port} on ${config.host} is in use; pick another with --port`, { code: "PORT_IN_USE" });
      throw new CliError(message, { code: code ?? "FAILED" });
    }
    this.out(banner(server, config.dataDir));
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    this.note("shutting down…");
    await server.close();
  }
}

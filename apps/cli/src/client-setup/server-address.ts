import { CliError } from "../cli-error.js";

/**
 * The URL clients reach the server at: --address / GATEHOUSE_ADDRESS when given, else the URL the
 * running server of the data folder listens on, else the configured host and port.
 */
export async function clientBaseUrl(address: string | undefined, dataDir: string | undefined, env: NodeJS.ProcessEnv): Promise<string> {
  if (address) {
    try {
      const url = new URL(address);
      return `${url.origin}${url.pathname.replace(/\/$/, "")}`;
    } catch {
      throw new CliError(`invalid address '${address}': use a URL such as http://127.0.0.1:4242`, { code: "INVALID_INPUT", field: "address" });
    }
  }
  // The config and the server finder only: neither loads the server nor a database driver.
  const [{ loadConfig }, { findLocalServer }] = await Promise.all([import("@gatehouse/api/config"), import("@gatehouse/domain/light")]);
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(env, dataDir ? { dataDir } : {});
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err), { code: "CONFIG_INVALID" });
  }
  const found = findLocalServer(config.dataDir);
  if (found.kind === "running") return found.url.replace(/\/$/, "");
  const host = config.host === "0.0.0.0" || config.host === "::" ? "127.0.0.1" : config.host;
  return `http://${host.includes(":") ? `[${host}]` : host}:${config.port}`;
}

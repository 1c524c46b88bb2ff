import type { ServerConfig } from "@gatehouse/api/config";
import type { Domain } from "@gatehouse/domain";
import { parseToken } from "@gatehouse/token-model";
import { CliError } from "../cli-error.js";
import { ApiClient, type ApiRequest, type ApiResponse, toFetchRequest } from "./api-client.js";
import { httpTransport } from "./http-transport.js";

// The server, the domain and undici's socket agent cost ~400 ms to import, so remote mode (and
// --help) loads none of them, and local mode through a running server's socket only reads the
// config (no server, no database driver): just the in-process app loads the server.
const loadApi = () => import("@gatehouse/api");
const loadConfigModule = () => import("@gatehouse/api/config");
const loadLight = () => import("@gatehouse/domain/light");
const loadUndici = () => import("undici");

/** How the CLI reaches Gatehouse. */
export interface Connection {
  client: ApiClient;
  mode: "remote" | "socket" | "in-process";
  /** In-process only: the domain the app was opened over (bulk imports call it directly). */
  domain?: Domain;
  close(): Promise<void>;
}

/** What decides the connection: global flags and the environment. */
export interface ConnectOptions {
  address?: string | undefined;
  dataDir?: string | undefined;
  env: NodeJS.ProcessEnv;
  /** Commands that only make sense on the server machine refuse remote mode. */
  localOnly?: boolean;
}

/**
 * GATEHOUSE_TOKEN for remote mode: unset means anonymous on purpose; set but
 * empty or not a Gatehouse token is refused, naming the variable, instead of
 * silently acting as anonymous (the message never echoes the value).
 */
export function tokenFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.GATEHOUSE_TOKEN;
  if (raw === undefined) return undefined;
  const token = raw.trim();
  if (token === "") {
    throw new CliError("GATEHOUSE_TOKEN is set but empty", { code: "INVALID_INPUT", hint: "export GATEHOUSE_TOKEN=gth-… (a token from `gatehouse create token`), or unset it to act anonymously" });
  }
  const parsed = parseToken(token);
  if (!parsed.ok) {
    throw new CliError(`GATEHOUSE_TOKEN is not a Gatehouse token: ${parsed.error.message}`, { code: "INVALID_INPUT", hint: "copy the whole token (gth- and 46 more characters) into GATEHOUSE_TOKEN, or unset it to act anonymously" });
  }
  return token;
}

async function configFor(options: ConnectOptions): Promise<ServerConfig> {
  const { loadConfig } = await loadConfigModule();
  try {
    return loadConfig(options.env, options.dataDir ? { dataDir: options.dataDir } : {}, { file: options.env.GATEHOUSE_CONFIG });
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err), { code: "CONFIG_INVALID" });
  }
}

async function socketTransport(socketPath: string) {
  const { Agent, fetch: undiciFetch } = await loadUndici();
  const agent = new Agent({ connect: { socketPath } });
  return {
    transport: async (request: ApiRequest): Promise<ApiResponse> => {
      const res = await undiciFetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: (request.body as Uint8Array | string | undefined) ?? null,
        duplex: "half",
        dispatcher: agent,
      });
      return res;
    },
    close: () => agent.close(),
  };
}

/**
 * Remote mode with --address (token from GATEHOUSE_TOKEN); otherwise local:
 * the running server's admin socket when it holds the data folder, else the
 * app opened in this process. The embedded database is never opened twice.
 */
export async function connect(options: ConnectOptions): Promise<Connection> {
  const address = options.address ?? options.env.GATEHOUSE_ADDRESS;
  if (address) {
    if (options.localOnly) {
      throw new CliError("this command only runs on the server machine; drop --address / GATEHOUSE_ADDRESS", { code: "LOCAL_ONLY", exitCode: 2 });
    }
    let base: URL;
    try {
      base = new URL(address);
    } catch {
      throw new CliError(`invalid address '${address}': use a URL such as http://127.0.0.1:4242`, { code: "INVALID_INPUT", field: "address" });
    }
    const token = tokenFromEnv(options.env);
    return { client: new ApiClient(httpTransport(base), base.origin, token), mode: "remote", close: async () => {} };
  }
  const config = await configFor(options);
  const { findLocalServer } = await loadLight();
  // A running server is asked through its socket whatever the database (on Postgres too), so its
  // caches see the change at once and the embedded database is never opened twice.
  const found = findLocalServer(config.dataDir);
  if (found.kind === "running") {
    const s = await socketTransport(found.socket);
    return { client: new ApiClient(s.transport, `the server (pid ${found.pid}) via ${found.socket}`), mode: "socket", close: s.close };
  }
  if (found.kind === "postgres-server" && !config.databaseUrl) {
    throw new CliError(`the data folder ${config.dataDir} belongs to a Gatehouse server on Postgres (${found.location}), which is not running`, {
      code: "DATABASE_URL_MISSING",
      hint: "start the server (the CLI then goes through it), set DATABASE_URL to that database, or use --address with GATEHOUSE_TOKEN",
    });
  }
  const { openLocalApp } = await loadApi();
  let local: Awaited<ReturnType<typeof openLocalApp>>;
  try {
    local = await openLocalApp(config);
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new CliError(err instanceof Error ? err.message : String(err), { code: code ?? "FAILED" });
  }
  return { client: new ApiClient((r) => local.fetch(toFetchRequest(r)), `the data folder ${config.dataDir}`), mode: "in-process", domain: local.domain, close: () => local.close() };
}

import { chmodSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { type Server, createServer as createHttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { type CreatedToken, type Domain, AuthFailureAuditor, TokenVerifier, advertiseEndpoint, followChanges, mintFirstAdminTokenIfEmpty, openDomain } from "@gatehouse/domain";
import { createAdaptorServer } from "@hono/node-server";
import pino, { type Logger } from "pino";
import { createApp, type GatehouseApp } from "./app.js";
import { FastPages } from "./http/fast-pages.js";
import { scheduleGarbageCollection } from "./gc-schedule.js";
import { lingerBeforeClose } from "./http/linger-before-close.js";
import { routesListener } from "./http/routes-listener.js";
import type { ServerConfig } from "./env.js";
import { FailureLimiter } from "./middleware/failure-limiter.js";
import { IndexCache } from "./protocols/index-cache.js";

/** A running server. */
export interface RunningServer {
  url: string;
  port: number;
  /** The local admin socket (requests on it act as the local operator). */
  socketPath: string;
  app: GatehouseApp;
  domain: Domain;
  /** The admin token minted on the first start with an empty database, if this start minted one. */
  firstToken: CreatedToken | null;
  close(): Promise<void>;
}

export { reasonPhraseOf } from "./http/reason-phrase.js";

/** Path of a data folder's local admin socket. */
export function adminSocketPathOf(dataDir: string): string {
  return join(dataDir, "gatehouse.sock");
}

function listen(server: Server, target: { port: number; host: string } | { path: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    const done = () => {
      server.off("error", reject);
      resolve();
    };
    if ("path" in target) server.listen(target.path, done);
    else server.listen(target.port, target.host, done);
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
}

/**
 * Opens the domain, mints the first admin token when the database is empty,
 * and serves HTTP on host:port plus the local admin socket in the data folder.
 *
 * @example
 * const server = await startServer(loadConfig(process.env, { port: 0 }));
 * console.log(server.url);
 */
export async function startServer(config: ServerConfig, options: { logger?: Logger } = {}): Promise<RunningServer> {
  const logger = options.logger ?? pino({ level: config.logLevel, base: undefined });
  // With DATABASE_URL the folder still holds files and the admin socket.
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const domain = await openDomain({
    dataDir: config.dataDir,
    onDataDirWarning: (message) => logger.warn({ dataDir: config.dataDir }, message),
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    storage: config.storage,
    role: "gatehouse server",
    settings: { maxUploadBytes: config.maxUploadBytes, newReposAuthByDefault: config.newReposAuthByDefault, biocRelease: config.biocRelease, upstream: config.upstream },
  });
  try {
    const firstToken = await mintFirstAdminTokenIfEmpty(domain);
    const verifier = new TokenVerifier(domain);
    const limiter = new FailureLimiter(config.authFailureLimit, config.authFailureWindowMs);
    const indexCache = new IndexCache(domain);
    // Failed authentications past the first few per address are counted per limiter window.
    const authFailures = new AuthFailureAuditor(domain, { windowMs: config.authFailureWindowMs });
    const app = createApp({ domain, verifier, config, logger, limiter, indexCache, authFailures });
    const fastPages = new FastPages({ domain, verifier, cache: indexCache, metrics: app.metrics, logger });
    // Other nodes' revocations and index changes arrive by LISTEN/NOTIFY (Postgres only).
    const stopFollowing = await followChanges(domain, {
      onListenerState: (state, reason) =>
        state === "dropped" ? logger.warn({ reason }, "lost the LISTEN connection for other nodes' changes; reconnecting (the table is still read every second)") : logger.info("listening for other nodes' changes again"),
    });
    // Before serving: what a killed predecessor staged goes now (see gc-schedule.ts).
    const stopGc = await scheduleGarbageCollection(domain, config.gcIntervalMs, logger);

    // Cached project pages are answered below the framework; everything else goes through the routes.
    const http = createHttpServer(fastPages.listener(routesListener(app)));
    http.keepAliveTimeout = 65_000;
    lingerBeforeClose(http);
    const admin = createAdaptorServer({ fetch: (req: Request) => app.fetch(req, { local: true, address: "local" }) }) as Server;
    const stopAll = async () => {
      await stopFollowing();
      await stopGc();
      fastPages.close();
      if (http.listening) await closeServer(http);
      if (admin.listening) await closeServer(admin);
      await verifier.close();
      await authFailures.close().catch(() => undefined);
    };
    try {
      await listen(http, { port: config.port, host: config.host });
    } catch (err) {
      await stopAll();
      throw err;
    }
    const port = (http.address() as AddressInfo).port;
    const host = config.host.includes(":") ? `[${config.host}]` : config.host;
    const url = `http://${host}:${port}`;

    const socketPath = adminSocketPathOf(config.dataDir);
    if (existsSync(socketPath)) rmSync(socketPath);
    try {
      await listen(admin, { path: socketPath });
    } catch (err) {
      await stopAll();
      throw err;
    }
    chmodSync(socketPath, 0o600);
    advertiseEndpoint(domain, { url, socket: socketPath });

    return {
      url,
      port,
      socketPath,
      app,
      domain,
      firstToken,
      async close() {
        await stopAll();
        rmSync(socketPath, { force: true });
        await domain.close();
      },
    };
  } catch (err) {
    await domain.close();
    throw err;
  }
}

import { type Domain, TokenVerifier, openDomain } from "@gatehouse/domain";
import pino from "pino";
import { createApp } from "./app.js";
import type { ServerConfig } from "./env.js";
import { FailureLimiter } from "./middleware/failure-limiter.js";

/** The app opened in this process over the data folder, for the CLI when no server holds it. */
export interface LocalApp {
  fetch(request: Request): Promise<Response>;
  /** The domain itself, for CLI work the API does one request at a time (bulk imports). */
  domain: Domain;
  close(): Promise<void>;
}

/**
 * Opens the domain in this process (taking the data folder's lock) and returns
 * a fetch handler acting as the local operator, so CLI commands take the very
 * same code path as requests to a running server.
 */
export async function openLocalApp(config: ServerConfig): Promise<LocalApp> {
  const domain = await openDomain({
    dataDir: config.dataDir,
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    storage: config.storage,
    role: "gatehouse cli",
    onDataDirWarning: (message) => process.stderr.write(`gatehouse: warning: ${message}\n`),
    settings: { maxUploadBytes: config.maxUploadBytes, newReposAuthByDefault: config.newReposAuthByDefault, biocRelease: config.biocRelease, upstream: config.upstream },
  });
  const verifier = new TokenVerifier(domain);
  const app = createApp({
    domain,
    verifier,
    config,
    logger: pino({ level: "silent" }),
    limiter: new FailureLimiter(config.authFailureLimit, config.authFailureWindowMs),
  });
  return {
    fetch: (request) => app.fetch(request, { local: true, address: "local" }),
    domain,
    async close() {
      await verifier.close();
      await domain.close();
    },
  };
}

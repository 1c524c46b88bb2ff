import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Domain, TokenVerifier, openDomain } from "@gatehouse/domain";
import pino from "pino";
import { type GatehouseApp, createApp } from "../../src/app.js";
import { loadConfig } from "../../src/env.js";
import { FailureLimiter } from "../../src/middleware/failure-limiter.js";

/** The app over a fresh in-memory domain, with a settable clock (test support). */
export interface InMemoryApp {
  app: GatehouseApp;
  domain: Domain;
  /** Moves the clock the domain stamps publications (and resolves snapshots) with. */
  setNow(date: Date): void;
  /** A request as the local operator (admin socket). */
  asAdmin(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** What differs between the protocols' test apps. */
export interface InMemoryAppOptions {
  /** Prefix of the temporary data folder (blobs live there). */
  tempPrefix: string;
  /** The clock's first reading (default: now). */
  start?: Date;
  /** The current Bioconductor release, for R repos. */
  biocRelease?: string;
}

/**
 * Opens the real app over an in-memory database in a temporary folder (test support).
 * @example const t = await openInMemoryApp({ tempPrefix: "gh-cran-", biocRelease: "3.16" })
 */
export async function openInMemoryApp(options: InMemoryAppOptions): Promise<InMemoryApp> {
  const dataDir = mkdtempSync(join(tmpdir(), options.tempPrefix));
  let now = options.start ?? new Date();
  const bioc = options.biocRelease === undefined ? {} : { biocRelease: options.biocRelease };
  const domain = await openDomain({ dataDir, memory: true, settings: bioc, now: () => now });
  const verifier = new TokenVerifier(domain);
  const config = loadConfig({}, { dataDir, ...bioc });
  const app = createApp({ domain, verifier, config, logger: pino({ level: "silent" }), limiter: new FailureLimiter(1000, 60_000) });
  return {
    app,
    domain,
    setNow: (date) => {
      now = date;
    },
    asAdmin: (path, init) => app.request(path, init, { local: true, address: "test" }),
    async close() {
      await verifier.close();
      await domain.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

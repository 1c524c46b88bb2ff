import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Domain, TokenVerifier, openDomain } from "@gatehouse/domain";
import pino from "pino";
import { type GatehouseApp, createApp } from "../../app.js";
import { loadConfig } from "../../env.js";
import { FailureLimiter } from "../../middleware/failure-limiter.js";

/** An app over a fresh in-memory domain, with a settable clock (test support). */
export interface CranTestApp {
  app: GatehouseApp;
  domain: Domain;
  /** Moves the clock the domain stamps publications with. */
  setNow(date: Date): void;
  /** A request as the local operator (admin socket). */
  asAdmin(path: string, init?: RequestInit): Promise<Response>;
  upload(source: string, filename: string, bytes: Buffer, query?: string): Promise<Response>;
  close(): Promise<void>;
}

/** Opens a test app with Bioconductor release `biocRelease` (test support). */
export async function openCranTestApp(biocRelease = "3.16"): Promise<CranTestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), "gh-cran-"));
  let now = new Date();
  const domain = await openDomain({ dataDir, memory: true, settings: { biocRelease }, now: () => now });
  const config = loadConfig({}, { dataDir, biocRelease });
  const verifier = new TokenVerifier(domain);
  const app = createApp({ domain, verifier, config, logger: pino({ level: "silent" }), limiter: new FailureLimiter(1000, 60_000) });
  const asAdmin = (path: string, init?: RequestInit) => app.request(path, init, { local: true, address: "test" });
  return {
    app,
    domain,
    setNow: (date) => {
      now = date;
    },
    asAdmin,
    upload: (source, filename, bytes, query = "") =>
      asAdmin(`/__api__/sources/${source}/files/${filename}${query}`, { method: "PUT", body: bytes }),
    async close() {
      await verifier.close();
      await domain.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Creates a source, a repo of the same type and the subscription between them, as the admin (test support). */
export async function createRepoWithSource(t: CranTestApp, spec: { repo: string; source: string; type: "r" | "bioconductor"; authenticated?: boolean }): Promise<void> {
  const json = (body: unknown): RequestInit => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  for (const [path, body] of [
    ["/__api__/sources", { name: spec.source, kind: spec.type }],
    ["/__api__/repos", { name: spec.repo, type: spec.type, authenticated: spec.authenticated ?? false }],
    [`/__api__/repos/${spec.repo}/subscriptions`, { source: spec.source }],
  ] as const) {
    const res = await t.asAdmin(path, json(body));
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  }
}

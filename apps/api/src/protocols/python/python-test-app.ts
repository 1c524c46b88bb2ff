import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Domain, LOCAL_ACTOR, TokenVerifier, createRepo, createSource, createToken, openDomain, subscribe } from "@gatehouse/domain";
import pino from "pino";
import { type GatehouseApp, createApp } from "../../app.js";
import { loadConfig } from "../../env.js";
import { FailureLimiter } from "../../middleware/failure-limiter.js";
import type { BuiltPackage } from "./fixture-packages.js";

// Test support: an in-memory Gatehouse with one authenticated python repo
// `py` over source `py-local`, and tokens for the usual roles.

/** The app under test with its tokens. */
export interface PythonTestApp {
  app: GatehouseApp;
  domain: Domain;
  tokens: { uploader: string; reader: string; otherReader: string };
  /** Sets the clock publishFile and snapshots see. */
  setNow(date: Date): void;
  close(): Promise<void>;
}

/** Basic credentials as twine and pip send them. */
export function basic(token: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`__token__:${token}`).toString("base64")}` };
}

/** The error body of a refused request. */
export async function errorOf(res: Response): Promise<{ code: string; message: string }> {
  return ((await res.json()) as { error: { code: string; message: string } }).error;
}

/** A twine-like form: metadata fields, then the file as `content`. */
export function uploadForm(pkg: BuiltPackage, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  form.set(":action", "file_upload");
  form.set("protocol_version", "1");
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set("content", new Blob([pkg.bytes]), pkg.filename);
  return form;
}

/** Starts the app on a fresh in-memory database. */
export async function startPythonTestApp(): Promise<PythonTestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), "gh-python-"));
  let now = new Date();
  const domain = await openDomain({ dataDir, memory: true, now: () => now });
  await createSource(domain, LOCAL_ACTOR, { name: "py-local", kind: "python" });
  await createRepo(domain, LOCAL_ACTOR, { name: "py", type: "python", authenticated: true });
  await createRepo(domain, LOCAL_ACTOR, { name: "empty", type: "python", authenticated: false });
  await subscribe(domain, LOCAL_ACTOR, { repo: "py", source: "py-local" });
  const mint = async (scopes: string[], limits: { repos?: string[]; sources?: string[] }) =>
    (await createToken(domain, LOCAL_ACTOR, { scopes, ...limits, description: "test", user: "tester" })).token;
  const tokens = {
    uploader: await mint(["sources:write", "repos:read"], { sources: ["py-local"], repos: ["py"] }),
    reader: await mint(["repos:read"], { repos: ["py"] }),
    otherReader: await mint(["repos:read"], { repos: ["other"] }),
  };
  const verifier = new TokenVerifier(domain);
  const config = loadConfig({}, { dataDir });
  const app = createApp({ domain, verifier, config, logger: pino({ level: "silent" }), limiter: new FailureLimiter(1000, 60_000) });
  return {
    app,
    domain,
    tokens,
    setNow: (date) => {
      now = date;
    },
    async close() {
      await verifier.close();
      await domain.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

import { mkdtempSync, rmSync } from "node:fs";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_SETTINGS, type Domain, LOCAL_ACTOR, TokenVerifier, createRepo, createSource, openDomain, subscribe } from "@gatehouse/domain";
import pino from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createApp } from "../src/app.js";
import { loadConfig } from "../src/env.js";
import { FastPages } from "../src/http/fast-pages.js";
import { routesListener } from "../src/http/routes-listener.js";
import { FailureLimiter } from "../src/middleware/failure-limiter.js";
import { IndexCache } from "../src/protocols/index-cache.js";

// A mirrored project page is served by the fast path while the mirror read it within the index TTL
// (as fast as a local page), and by the routes, which ask the upstream again, once the TTL is past.

let clock = Date.now();
let domain: Domain;
let verifier: TokenVerifier;
let fastPages: FastPages;
let upstream: Server;
let fast: Server;
let dataDir: string;
let fallbacks = 0;
let upstreamHits = 0;

const listen = (server: Server) => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

beforeAll(async () => {
  upstream = createServer((_req, res) => {
    upstreamHits++;
    const page = { meta: { "api-version": "1.0" }, name: "mirrored", files: [{ filename: "mirrored-1.0-py3-none-any.whl", url: "../../f/mirrored-1.0-py3-none-any.whl", hashes: { sha256: "e".repeat(64) } }] };
    res.writeHead(200, { "content-type": "application/vnd.pypi.simple.v1+json" }).end(JSON.stringify(page));
  });
  await listen(upstream);
  dataDir = mkdtempSync(join(tmpdir(), "gh-fast-mirror-"));
  domain = await openDomain({ dataDir, memory: true, now: () => new Date(clock), settings: { upstream: { ...DEFAULT_SETTINGS.upstream, allowPrivate: true, indexTtlSeconds: 60 } } });
  verifier = new TokenVerifier(domain);
  const indexCache = new IndexCache(domain);
  const logger = pino({ level: "silent" });
  const app = createApp({ domain, verifier, config: loadConfig({}, { dataDir }), logger, limiter: new FailureLimiter(10_000, 60_000), indexCache });
  fastPages = new FastPages({ domain, verifier, cache: indexCache, metrics: app.metrics, logger });
  const routes = routesListener(app);
  fast = createServer(
    fastPages.listener((req, res) => {
      fallbacks++;
      routes(req, res);
    }),
  );
  await listen(fast);
  await createSource(domain, LOCAL_ACTOR, { name: "mirror", kind: "python", upstream: `${urlOf(upstream)}/simple/` });
  await createRepo(domain, LOCAL_ACTOR, { name: "mir", type: "python", authenticated: false });
  await subscribe(domain, LOCAL_ACTOR, { repo: "mir", source: "mirror" });
}, 60_000);

afterAll(async () => {
  await new Promise((r) => fast?.close(r));
  await new Promise((r) => upstream?.close(r));
  fastPages?.close();
  await verifier?.close();
  await domain?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it("serves a mirrored page from the fast path within the TTL, and through the routes (asking the upstream) after it", async () => {
  const get = async () => {
    const res = await fetch(`${urlOf(fast)}/mir/simple/mirrored/`);
    expect(res.status).toBe(200);
    return res.text();
  };
  const first = await get();
  expect(first).toContain("mirrored-1.0-py3-none-any.whl");
  // The routes render it; the fast path then learns the page has settled.
  expect(await get()).toBe(first);
  const warm = fallbacks;
  for (let i = 0; i < 3; i++) expect(await get()).toBe(first);
  expect([fallbacks, upstreamHits]).toEqual([warm, 1]);
  clock += 61_000;
  expect(await get()).toBe(first);
  expect([fallbacks, upstreamHits]).toEqual([warm + 1, 2]);
});

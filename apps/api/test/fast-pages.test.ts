import { mkdtempSync, rmSync } from "node:fs";
import { type IncomingHttpHeaders, type Server, createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { type Domain, LOCAL_ACTOR, TokenVerifier, createRepo, createSource, createToken, openDomain, publishFile, revokeToken, setPackageAccess, subscribe } from "@gatehouse/domain";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app.js";
import { loadConfig } from "../src/env.js";
import { FastPages } from "../src/http/fast-pages.js";
import { routesListener } from "../src/http/routes-listener.js";
import { FailureLimiter } from "../src/middleware/failure-limiter.js";
import { IndexCache } from "../src/protocols/index-cache.js";
import { buildWheel } from "./support/fixture-packages.js";

// The fast path must answer exactly what the routes answer. One app, two HTTP servers over it:
// `slow` is the routes alone, `fast` tries the fast path first. Every case is asked of `slow`
// first (which verifies the token and renders the page), then twice of `fast`; the answers must
// match byte for byte (status, headers but Date, body), and the second `fast` answer must come from
// the fast path exactly when the answer is a page (200/304) — everything else falls through.

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function ask(server: Server, path: string, headers: Record<string, string>, method = "GET"): Promise<Raw> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

function comparable(raw: Raw): { status: number; headers: IncomingHttpHeaders; body: string } {
  // X-Request-Id is new for every request; both paths must send one.
  const { date: _date, "x-request-id": requestId, ...headers } = raw.headers;
  if (!requestId) throw new Error(`no X-Request-Id in the answer ${raw.status} ${JSON.stringify(raw.headers)}`);
  return { status: raw.status, headers, body: raw.body.toString("base64") };
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
}

const basicOf = (token: string) => `Basic ${Buffer.from(`__token__:${token}`).toString("base64")}`;

let domain: Domain;
let verifier: TokenVerifier;
let fastPages: FastPages;
let slow: Server;
let fast: Server;
let dataDir: string;
let fallbacks = 0;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "gh-fast-pages-"));
  domain = await openDomain({ dataDir, memory: true });
  verifier = new TokenVerifier(domain);
  const indexCache = new IndexCache(domain);
  const logger = pino({ level: "silent" });
  const app = createApp({ domain, verifier, config: loadConfig({}, { dataDir }), logger, limiter: new FailureLimiter(10_000, 60_000), indexCache });
  fastPages = new FastPages({ domain, verifier, cache: indexCache, metrics: app.metrics, logger });
  const routes = routesListener(app);
  slow = createServer(routes);
  fast = createServer(
    fastPages.listener((req, res) => {
      fallbacks++;
      routes(req, res);
    }),
  );
  await Promise.all([listen(slow), listen(fast)]);

  await createSource(domain, LOCAL_ACTOR, { name: "local-py", kind: "python" });
  for (const [name, authenticated] of [
    ["pub", false],
    ["auth", true],
  ] as const) {
    await createRepo(domain, LOCAL_ACTOR, { name, type: "python", authenticated });
    await subscribe(domain, LOCAL_ACTOR, { repo: name, source: "local-py" });
  }
  const publish = async (name: string, version: string) => {
    const wheel = buildWheel({ name, version, requiresPython: ">=3.8" });
    await publishFile(domain, LOCAL_ACTOR, { source: "local-py", filename: wheel.filename, body: Readable.from([wheel.bytes]) });
  };
  for (const v of ["1.0", "1.1"]) await publish("alpha", v);
  // Enough files for a page over 1 KiB, which is served gzipped when asked.
  for (let i = 0; i < 8; i++) await publish("big", `2.${i}`);
  await publish("secret", "0.1");
  const mint = async (user: string, repos: string[]) => (await createToken(domain, LOCAL_ACTOR, { scopes: ["repos:read"], repos, description: "t", user })).token;
  tokens.reader = await mint("reader", ["pub", "auth"]);
  tokens.wrongScope = await mint("other", ["pub"]);
  tokens.owner = await mint("owner", ["pub", "auth"]);
  tokens.revoked = await mint("reader", ["pub", "auth"]);
  tokens.revokeLater = await mint("reader", ["auth"]);
  // Within 7 days of its expiry: both paths must send Gatehouse-Token-Expires.
  tokens.expiring = (await createToken(domain, LOCAL_ACTOR, { scopes: ["repos:read"], repos: ["pub", "auth"], expires: "3d", description: "t", user: "reader" })).token;
  await revokeToken(domain, LOCAL_ACTOR, { token: tokens.revoked });
  await setPackageAccess(domain, LOCAL_ACTOR, { source: "local-py", name: "secret", private: true, owner: "owner" });
}, 60_000);

afterAll(async () => {
  await new Promise((r) => slow?.close(r));
  await new Promise((r) => fast?.close(r));
  fastPages?.close();
  await verifier?.close();
  await domain?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const credentials: [string, () => Record<string, string>][] = [
  ["anonymous", () => ({})],
  ["valid Basic", () => ({ authorization: basicOf(tokens.reader ?? "") })],
  ["valid Bearer", () => ({ authorization: `Bearer ${tokens.reader}` })],
  ["owner of a private package", () => ({ authorization: basicOf(tokens.owner ?? "") })],
  ["expiring within 7 days", () => ({ authorization: basicOf(tokens.expiring ?? "") })],
  ["wrong scope", () => ({ authorization: `Bearer ${tokens.wrongScope}` })],
  ["revoked", () => ({ authorization: basicOf(tokens.revoked ?? "") })],
  ["malformed", () => ({ authorization: "Bearer gth-nope" })],
  ["unsupported scheme", () => ({ authorization: "Digest abc" })],
];
const variants: [string, Record<string, string>, string][] = [
  ["GET", {}, "GET"],
  ["HEAD", {}, "HEAD"],
  ["JSON", { accept: "application/vnd.pypi.simple.v1+json" }, "GET"],
  ["gzip", { "accept-encoding": "gzip" }, "GET"],
];
const paths = [
  "/REPO/simple/alpha/",
  "/REPO/latest/simple/big/",
  "/REPO/simple/secret/",
  "/REPO/simple/nope/",
  "/REPO/simple/Alpha/",
  "/REPO/2099-01-01/simple/alpha/",
];

describe("fast path vs routes", () => {
  for (const repo of ["pub", "auth"]) {
    for (const [who, headersOf] of credentials) {
      it(`${repo}: ${who}`, async () => {
        for (const template of paths) {
          const path = template.replace("REPO", repo);
          for (const [variant, extra, method] of variants) {
            const headers = { ...headersOf(), ...extra };
            const reference = await ask(slow, path, headers, method);
            const first = await ask(fast, path, headers, method);
            const before = fallbacks;
            const second = await ask(fast, path, headers, method);
            const label = `${method} ${path} ${variant} (${who})`;
            expect(comparable(first), label).toEqual(comparable(reference));
            if (who.startsWith("expiring") && reference.status < 400) expect(second.headers["gatehouse-token-expires"], label).toMatch(/^\d{4}-\d\d-\d\dT/);
            expect(comparable(second), label).toEqual(comparable(reference));
            const isPage = reference.status === 200 || reference.status === 304;
            // Dated snapshots are always left to the routes.
            const fastExpected = isPage && !path.includes("2099");
            expect(fallbacks === before, `${label}: fast path used`).toBe(fastExpected);
            if (reference.status === 200 && method === "GET") {
              const etag = String(reference.headers.etag);
              const notModified = await ask(slow, path, { ...headers, "if-none-match": etag });
              expect(notModified.status).toBe(304);
              const before304 = fallbacks;
              expect(comparable(await ask(fast, path, { ...headers, "if-none-match": etag }))).toEqual(comparable(notModified));
              expect(fallbacks === before304, `${label}: 304 from the fast path`).toBe(fastExpected);
            }
          }
        }
      });
    }
  }

  it("covers pages, refusals and what they carry", async () => {
    const authPage = await ask(fast, "/auth/simple/alpha/", { authorization: basicOf(tokens.reader ?? "") });
    expect(authPage.status).toBe(200);
    expect(authPage.headers["cache-control"]).toBe("private, no-cache");
    // A page only its viewer may see varies on the credential too, so no shared cache serves it to another.
    expect(String(authPage.headers.vary).split(/,\s*/).sort()).toEqual(["Accept", "Accept-Encoding", "Authorization"]);
    const publicPage = await ask(fast, "/pub/simple/alpha/", {});
    expect(publicPage.headers["cache-control"]).toBe("no-cache");
    // A private package shows in a public repo only to its owner, on a page no shared cache keeps.
    expect((await ask(fast, "/pub/simple/secret/", {})).status).toBe(404);
    expect((await ask(fast, "/pub/simple/secret/", { authorization: basicOf(tokens.owner ?? "") })).headers["cache-control"]).toBe("private, no-cache");
    const anonymous = await ask(fast, "/auth/simple/alpha/", {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers["www-authenticate"]).toBe('Basic realm="auth"');
    expect((await ask(fast, "/auth/simple/alpha/", { authorization: `Bearer ${tokens.wrongScope}` })).status).toBe(403);
    const gz = await ask(fast, "/pub/simple/big/", { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
  });

  it("refuses a token from the moment it is revoked", async () => {
    const headers = { authorization: `Bearer ${tokens.revokeLater}` };
    await ask(slow, "/auth/simple/alpha/", headers);
    await ask(fast, "/auth/simple/alpha/", headers);
    const before = fallbacks;
    expect((await ask(fast, "/auth/simple/alpha/", headers)).status).toBe(200);
    expect(fallbacks).toBe(before);
    await revokeToken(domain, LOCAL_ACTOR, { token: tokens.revokeLater ?? "" });
    const refused = await ask(fast, "/auth/simple/alpha/", headers);
    expect(refused.status).toBe(401);
    expect(comparable(refused)).toEqual(comparable(await ask(slow, "/auth/simple/alpha/", headers)));
  });

  it("serves the new page after a publish", async () => {
    const headers = { authorization: `Bearer ${tokens.reader}` };
    const before = (await ask(fast, "/auth/simple/alpha/", headers)).body.toString();
    const wheel = buildWheel({ name: "alpha", version: "9.9" });
    await publishFile(domain, LOCAL_ACTOR, { source: "local-py", filename: wheel.filename, body: Readable.from([wheel.bytes]) });
    const after = await ask(fast, "/auth/simple/alpha/", headers);
    expect(before).not.toContain("9.9");
    expect(after.body.toString()).toContain(wheel.filename);
    expect(comparable(await ask(fast, "/auth/simple/alpha/", headers))).toEqual(comparable(await ask(slow, "/auth/simple/alpha/", headers)));
  });
});

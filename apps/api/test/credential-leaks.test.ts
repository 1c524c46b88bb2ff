// Credential and existence leaks (issue 15, finding 9), on the real app: two Authorization headers
// with different tokens and a repeated /t/<token>/ segment are 400s naming the problem; index pages
// of authenticated repos, in every protocol, are `Cache-Control: private` with `Vary: Authorization`;
// GATEHOUSE_AUTH_UNKNOWN_REPO_STATUS=404 makes unknown repos plain 404s for anonymous callers too.
import { type Server, createServer } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { tmpdir } from "node:os";
import { LOCAL_ACTOR, TokenVerifier, createRepo, createSource, createToken, subscribe } from "@gatehouse/domain";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app.js";
import { loadConfig } from "../src/env.js";
import { routesListener } from "../src/http/routes-listener.js";
import { FailureLimiter } from "../src/middleware/failure-limiter.js";
import { type InMemoryApp, openInMemoryApp } from "./support/in-memory-app.js";

let t: InMemoryApp;
let server: Server;
const tokens = { reader: "", other: "" };

/** A GET written on a socket by hand, so one header name may come twice. */
function rawGet(path: string, headers: [string, string][]): Promise<{ status: number; body: string }> {
  const { port } = server.address() as AddressInfo;
  const head = [`GET ${path} HTTP/1.1`, "Host: 127.0.0.1", "Connection: close", ...headers.map(([k, v]) => `${k}: ${v}`), "", ""].join("\r\n");
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(head));
    let text = "";
    socket.setEncoding("utf8");
    socket.on("data", (c: string) => {
      text += c;
    });
    socket.on("error", reject);
    socket.on("end", () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      const body = text.slice(text.indexOf("\r\n\r\n") + 4);
      resolve({ status, body });
    });
  });
}

beforeAll(async () => {
  t = await openInMemoryApp({ tempPrefix: "gh-leaks-" });
  for (const [name, type] of [
    ["locked", "python"],
    ["cl", "conda"],
    ["rl", "r"],
  ] as const) {
    await createSource(t.domain, LOCAL_ACTOR, { name: `${name}-src`, kind: type });
    await createRepo(t.domain, LOCAL_ACTOR, { name, type, authenticated: true });
    await subscribe(t.domain, LOCAL_ACTOR, { repo: name, source: `${name}-src` });
  }
  await createRepo(t.domain, LOCAL_ACTOR, { name: "open", type: "python", authenticated: false });
  const mint = async (user: string) =>
    (await createToken(t.domain, LOCAL_ACTOR, { scopes: ["repos:read"], repos: ["locked", "cl", "rl"], description: "reader", user })).token;
  tokens.reader = await mint("rea");
  tokens.other = await mint("oth");
  server = createServer(routesListener(t.app));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
}, 60_000);
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await t?.close();
});

const bearer = (token: string) => `Bearer ${token}`;
const basic = (token: string) => `Basic ${Buffer.from(`__token__:${token}`).toString("base64")}`;

describe("credentials presented twice", () => {
  it("answers two Authorization headers with different tokens with 400 CREDENTIALS_CONFLICT, naming no token", async () => {
    for (const [a, b] of [
      [bearer(tokens.reader), bearer(tokens.other)],
      [basic(tokens.reader), bearer(tokens.other)],
    ] as const) {
      const res = await rawGet("/locked/simple/", [
        ["Authorization", a],
        ["Authorization", b],
      ]);
      expect(res.status).toBe(400);
      const { error } = JSON.parse(res.body) as { error: { code: string; message: string } };
      expect(error.code).toBe("CREDENTIALS_CONFLICT");
      expect(error.message).toMatch(/two different credentials/);
      expect(res.body).not.toContain(tokens.reader);
    }
  });

  it("reads the same token sent in two headers as one", async () => {
    const res = await rawGet("/locked/simple/", [
      ["Authorization", bearer(tokens.reader)],
      ["Authorization", basic(tokens.reader)],
    ]);
    expect(res.status).toBe(200);
  });

  it("answers a repeated /t/<token>/ segment with 400 naming it, never echoing a token", async () => {
    for (const path of [
      `/t/${tokens.reader}/t/${tokens.reader}/locked/simple/`,
      `/t/${tokens.reader}/t/${tokens.other}/cl/noarch/repodata.json`,
      `/cl/t/${tokens.reader}/noarch/t/${tokens.other}/repodata.json`,
    ]) {
      const res = await t.app.request(path);
      expect(res.status, path).toBe(400);
      const body = await res.text();
      expect(body).toContain("more than one /t/<token>/ segment");
      expect(body).not.toContain("gth-");
    }
    expect((await t.app.request(`/t/${tokens.reader}/locked/simple/`)).status).toBe(200);
  });
});

describe("caching of authenticated repos' index pages", () => {
  it.each([
    "/locked/simple/",
    "/cl/noarch/repodata.json",
    "/cl/2026-01-01/noarch/repodata.json",
    "/cl/channeldata.json",
    "/rl/src/contrib/PACKAGES",
    "/rl/src/contrib/PACKAGES.gz",
    "/rl/src/contrib/Meta/archive.rds",
  ])("%s is Cache-Control: private with Vary: Authorization", async (path) => {
    const res = await t.app.request(path, { headers: { authorization: bearer(tokens.reader) } });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-cache");
    expect(res.headers.get("vary")).toMatch(/\bAuthorization\b/);
  });

  it("leaves a public repo's pages shared: no-cache, and Vary without Authorization", async () => {
    const res = await t.app.request("/open/simple/");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-cache");
    expect(res.headers.get("vary") ?? "").not.toMatch(/Authorization/);
  });
});

describe("GATEHOUSE_AUTH_UNKNOWN_REPO_STATUS", () => {
  it("answers an anonymous request to an unknown repo like an authenticated one by default, and 404 when set to 404", async () => {
    const verifier = new TokenVerifier(t.domain);
    const config = loadConfig({ GATEHOUSE_AUTH_UNKNOWN_REPO_STATUS: "404" }, { dataDir: tmpdir() });
    const plain = createApp({ domain: t.domain, verifier, config, logger: pino({ level: "silent" }), limiter: new FailureLimiter(1000, 60_000) });
    try {
      const unknownByDefault = await t.app.request("/nosuch/simple/");
      const locked = await t.app.request("/locked/simple/");
      expect([unknownByDefault.status, locked.status]).toEqual([401, 401]);
      expect(unknownByDefault.headers.get("www-authenticate")).toMatch(/^Basic realm=/);

      const unknown = await plain.request("/nosuch/simple/");
      expect(unknown.status).toBe(404);
      expect(((await unknown.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining("'nosuch'") });
      // Known repos answer as before: 401 for an authenticated one, pages for a public one.
      expect((await plain.request("/locked/simple/")).status).toBe(401);
      expect((await plain.request("/open/simple/")).status).toBe(200);
      expect((await plain.request("/nosuch/simple/", { headers: { authorization: bearer(tokens.reader) } })).status).toBe(404);
    } finally {
      await verifier.close();
    }
  });

  it("refuses any other value, naming the setting", () => {
    expect(() => loadConfig({ GATEHOUSE_AUTH_UNKNOWN_REPO_STATUS: "403" })).toThrow(/GATEHOUSE_AUTH_UNKNOWN_REPO_STATUS="403": must be 401/);
  });
});

import { afterAll, beforeAll, expect, it } from "vitest";
import { curl, curlAs } from "../support/curl.js";
import { type RunningGatehouse, runCli, startGatehouse } from "../support/gatehouse.js";
import { describeOnServerDatabases } from "../support/on-server-databases.js";

describeOnServerDatabases("tokens end to end (real server, real curl, the CLI)", null, (db) => {
  let gh: RunningGatehouse;
  beforeAll(async () => {
    gh = await startGatehouse({ env: { ...db.env(), GATEHOUSE_AUTH_FAILURE_LIMIT: "5", GATEHOUSE_LOG_LEVEL: "info" } });
  });
  afterAll(async () => {
    await gh?.stop();
  });

  it("prints a first admin token that works", () => {
    expect(gh.adminToken).toMatch(/^gth-[A-Za-z0-9]{46}$/);
    const who = curl(["-H", `Authorization: Bearer ${gh.adminToken}`], `${gh.url}/__api__/whoami`);
    expect(who.status).toBe(200);
    expect(JSON.parse(who.body)).toMatchObject({ authenticated: true, user: "admin", token: { scopes: ["global:admin"] } });
  });

  it("creates, lists, explains and revokes a repos:read token; the next request with it is refused", () => {
    const created = gh.cli(["create", "token", "--scope", "repos:read", "--repos", "pypi", "--description", "CI installs", "--user", "ci@example.com", "--quiet"]);
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^gth-[A-Za-z0-9]{46}$/);

    const listed = gh.cli(["list", "tokens", "-o", "json"]);
    const tokens = JSON.parse(listed.stdout) as { guid: string; user: string; scopes: string[]; display: string }[];
    const mine = tokens.find((t) => t.user === "ci@example.com");
    expect(mine?.scopes).toEqual(["repos:read"]);
    expect(listed.stdout).not.toContain(token);

    const api = curlAs(gh.adminToken, `${gh.url}/__api__/tokens`);
    expect(api.status).toBe(200);
    expect((JSON.parse(api.body) as { tokens: { guid: string }[] }).tokens.map((t) => t.guid)).toContain(mine?.guid);

    const allowed = gh.cli(["explain", "--token", token, "--action", "repo:read", "--resource", "repo:pypi"]);
    expect(allowed.stdout).toMatch(/^ALLOWED: .*repos:read/);
    const denied = gh.cli(["explain", "--token", token, "--action", "repo:read", "--resource", "repo:other"]);
    expect(denied.stdout).toMatch(/^DENIED: .*"other"/);

    expect(curlAs(token, `${gh.url}/__api__/whoami`).status).toBe(200);
    const revoked = gh.cli(["revoke", "token", "--guid", mine?.guid ?? "missing"]);
    expect(revoked.code).toBe(0);
    const after = curlAs(token, `${gh.url}/__api__/whoami`);
    expect(after.status).toBe(401);
    expect(after.headers["www-authenticate"]).toBe('Basic realm="gatehouse"');
    expect(JSON.parse(after.body)).toEqual({ error: { code: "UNAUTHENTICATED", message: "invalid or expired token" } });
    expect(after.reason).toBe("Unauthorized: invalid or expired token");
    expect(gh.cli(["list", "tokens", "--revoked", "-o", "json"]).stdout).toContain(mine?.guid);
  });

  it("refuses an expired token with the same 401 as an unknown one", async () => {
    const token = gh.cli(["create", "token", "--scope", "repos:read", "--repos", "*", "--expires", "1s", "--description", "short", "--user", "eve", "-q"]).stdout.trim();
    expect(curlAs(token, `${gh.url}/__api__/whoami`).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1200));
    const expired = curlAs(token, `${gh.url}/__api__/whoami`);
    const unknown = curlAs(`gth-${"A".repeat(46)}`, `${gh.url}/__api__/whoami`);
    expect(expired.status).toBe(401);
    expect(expired.body).toBe(unknown.body);
  });

  it("keeps a repos:read token out of token administration (403), over the API and the remote CLI", () => {
    const token = gh.cli(["create", "token", "--scope", "repos:read", "--repos", "pypi", "--description", "reader", "--user", "rita", "-q"]).stdout.trim();
    const api = curlAs(token, `${gh.url}/__api__/tokens`);
    expect(api.status).toBe(403);
    expect(JSON.parse(api.body).error.code).toBe("FORBIDDEN");
    const cli = gh.remote(["list", "tokens"], token);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/^gatehouse: .*global:admin/);
    expect(cli.stderr).not.toMatch(/\bat .*\.js:\d+/);
    const admin = gh.remote(["list", "tokens", "-o", "json"], gh.adminToken);
    expect(admin.code).toBe(0);
    expect(JSON.parse(admin.stdout).length).toBeGreaterThan(0);
  });

  it("accepts Basic, Bearer, token-as-login and /t/<token>/, refuses two different tokens, and never logs a token", async () => {
    const t = gh.adminToken;
    expect(curl(["-u", `anyone:${t}`], `${gh.url}/__api__/whoami`).status).toBe(200);
    expect(curl(["-u", `${t}:`], `${gh.url}/__api__/whoami`).status).toBe(200);
    expect(curl([], `${gh.url}/t/${t}/__api__/whoami`).status).toBe(200);
    const other = gh.cli(["create", "token", "--scope", "blocklist:read", "--description", "x", "--user", "u2", "-q"]).stdout.trim();
    const conflict = curl(["-H", `Authorization: Bearer ${other}`], `${gh.url}/t/${t}/__api__/whoami`);
    expect(conflict.status).toBe(400);
    expect(JSON.parse(conflict.body).error.code).toBe("CREDENTIALS_CONFLICT");
    // The server's log arrives through a pipe: give it a moment.
    for (let i = 0; i < 40 && !gh.logs().includes("/t/<redacted>/__api__/whoami"); i++) await new Promise((r) => setTimeout(r, 50));
    const logs = gh.logs().split("API docs:")[1] ?? "";
    expect(logs).toContain("/t/<redacted>/__api__/whoami");
    expect(logs).not.toContain(t);
    expect(logs).not.toContain(other);
  });

  it("rate limits failed authentication per address with 429 and Retry-After, but not valid tokens", () => {
    const bad = `gth-${"B".repeat(46)}`;
    let last = curlAs(bad, `${gh.url}/__api__/whoami`);
    for (let i = 0; i < 8 && last.status !== 429; i++) last = curlAs(bad, `${gh.url}/__api__/whoami`);
    expect(last.status).toBe(429);
    expect(Number(last.headers["retry-after"])).toBeGreaterThan(0);
    expect(curlAs(gh.adminToken, `${gh.url}/__api__/whoami`).status).toBe(200);
  });

  it("serves the OpenAPI document and its rendered docs", () => {
    const doc = curl([], `${gh.url}/__api__/openapi.json`);
    expect(doc.status).toBe(200);
    expect(JSON.parse(doc.body).paths["/__api__/tokens"]).toHaveProperty("post");
    expect(curl([], `${gh.url}/__api__/docs`).body).toContain("/__api__/authorize/explain");
    expect(curl([], `${gh.url}/healthz`).status).toBe(200);
  });

  // Only the embedded database is one process's: on Postgres several nodes share it (two-nodes.e2e.test.ts).
  it.skipIf(db.name !== "pglite")("never lets a second process open the embedded database the server holds", () => {
    const second = runCli(["serve", "--port", "0", "--data", gh.dataDir]);
    expect(second.code).not.toBe(0);
    expect(second.stderr).toMatch(/in use by gatehouse server \(pid \d+\) at http:\/\/127\.0\.0\.1:\d+/);
    // Local-mode CLI goes through the running server instead of opening the database.
    expect(gh.cli(["list", "tokens", "-o", "json"]).code).toBe(0);
    expect(curl([], `${gh.url}/healthz`).status).toBe(200);
  });

  it("answers bad token input with one line naming the flag, exit code 2, and writes nothing; the API answers 400 with a code", () => {
    const before = JSON.parse(gh.cli(["list", "tokens", "--expired", "--revoked", "-o", "json"]).stdout).length;
    const base = ["create", "token", "--description", "d", "--user", "u"];
    const cases: [string[], RegExp][] = [
      [["--scope", "nope"], /^gatehouse: --scope: .*nope.*Accepted scopes/],
      [["--scope", "repos:read", "--repos", "a", "--expires", "3x"], /^gatehouse: --expires: .*45s, 5m, 12h, 30d.*never/],
      [["--scope", "sources:write"], /^gatehouse: --sources: /],
      [["--scope", "repos:read", "--repos", "Bad Name"], /^gatehouse: --repos: .*Bad Name/],
      [["--scope", "metadata:read"], /^gatehouse: --scope: .*deprecated.*repos:read/],
    ];
    for (const [args, message] of cases) {
      const r = gh.cli([...base, ...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n")[0], args.join(" ")).toMatch(message);
      expect(r.stdout).toBe("");
    }
    const noDescription = gh.cli(["create", "token", "--scope", "repos:read", "--repos", "a", "--user", "u"]);
    expect(noDescription.code).toBe(2);
    expect(noDescription.stderr).toMatch(/description/);
    expect(JSON.parse(gh.cli(["list", "tokens", "--expired", "--revoked", "-o", "json"]).stdout).length).toBe(before);
    const api = curlAs(gh.adminToken, `${gh.url}/__api__/tokens`, ["-X", "POST", "-H", "content-type: application/json", "-d", JSON.stringify({ scopes: "repos:read", repos: "a", expires: "3x", description: "d", user: "u" })]);
    expect(api.status).toBe(400);
    expect(JSON.parse(api.body).error).toMatchObject({ code: "INVALID_INPUT", field: "expires" });
  });

  it("refuses bootstrap over the network", () => {
    const r = gh.remote(["bootstrap"], gh.adminToken);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/only runs on the server machine/);
    const api = curlAs(gh.adminToken, `${gh.url}/__local__/bootstrap`, ["-X", "POST", "-H", "content-type: application/json", "-d", "{}"]);
    expect(api.status).toBe(403);
  });
});

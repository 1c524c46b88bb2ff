import { type AuditEvent, LOCAL_ACTOR, createToken, revokeToken } from "@gatehouse/domain";
import { generateToken } from "@gatehouse/token-model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TOKEN_EXPIRES_HEADER } from "../src/middleware/authenticate.js";
import { REQUEST_ID_HEADER } from "../src/middleware/request-id.js";
import { LEAK_REPORTS_PER_MINUTE } from "../src/routes/api/revoke-leaked-route.js";
import { type InMemoryApp, openInMemoryApp } from "./support/in-memory-app.js";

// SPEC §3: anyone holding a token may revoke it, and the answer never says whether it existed.
describe("POST /__api__/tokens/revoke-leaked and the expiry header (app.request, no sockets)", () => {
  const start = new Date("2026-03-01T00:00:00Z");
  let t: InMemoryApp;

  beforeAll(async () => {
    t = await openInMemoryApp({ tempPrefix: "gh-revoke-leaked-", start });
  });
  afterAll(async () => {
    await t?.close();
  });

  const mint = (user: string, expires?: string) =>
    createToken(t.domain, LOCAL_ACTOR, { scopes: ["api:read"], description: "leak test", user, ...(expires ? { expires } : {}) });
  const report = (body: unknown, address: string) =>
    t.app.request("/__api__/tokens/revoke-leaked", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }, { address });
  const whoami = (token: string) => t.app.request("/__api__/whoami", { headers: { authorization: `Bearer ${token}` } }, { address: "10.9.9.9" });
  const leakEvents = async () => {
    const res = await t.asAdmin("/__api__/audit?action=token.revoke_leaked&limit=1000");
    return ((await res.json()) as { events: AuditEvent[] }).events;
  };

  it("answers 202 with one body for a live, an unknown, an already revoked and a malformed token, and revokes the live one", async () => {
    const live = await mint("ann");
    const gone = await mint("bob");
    await revokeToken(t.domain, LOCAL_ACTOR, { guid: gone.info.guid });
    expect((await whoami(live.token)).status).toBe(200);
    const unknown = generateToken();

    const answers = [];
    for (const token of [live.token, unknown, gone.token, "gth-nope", live.token]) {
      const res = await report({ token }, "198.51.100.1");
      answers.push({ status: res.status, body: await res.text(), cache: res.headers.get("cache-control") });
    }
    expect(answers.every((a) => a.status === 202)).toBe(true);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(JSON.parse(answers[0]?.body ?? "")).toEqual({ status: "accepted", received: 1 });
    expect(answers[0]?.cache).toBe("no-store");
    // The sender learns nothing; the log knows what each report was.
    expect((await leakEvents()).map((e) => e.detail.result).reverse()).toEqual(["revoked", "unknown", "already-revoked", "malformed", "already-revoked"]);
    // Revoked at once: the very next request with it is refused.
    expect((await whoami(live.token)).status).toBe(401);
    const tokens = await (await t.asAdmin("/__api__/tokens?revoked=true")).json();
    expect(JSON.stringify(tokens)).toContain(live.info.guid);
    expect((tokens as { tokens: { guid: string; status: string }[] }).tokens.find((x) => x.guid === live.info.guid)?.status).toBe("revoked");
  });

  it("audits each report with the sender's address, by GUID and never by secret", async () => {
    const live = await mint("dee");
    const before = (await leakEvents()).length;
    const res = await report([{ token: live.token, type: "gatehouse_token", url: "https://github.com/x/y/blob/main/.env" }, { token: "gth-nope" }], "203.0.113.9");
    expect(res.status).toBe(202);
    expect(res.headers.get(REQUEST_ID_HEADER)).toMatch(/.+/);
    const events = await leakEvents();
    expect(events.length).toBe(before + 2);
    const [malformed, revoked] = events;
    expect(revoked).toMatchObject({ actor: "anonymous", address: "203.0.113.9", target: `token:${live.info.guid}`, outcome: "ok", detail: { result: "revoked", display: live.info.display } });
    expect(malformed).toMatchObject({ address: "203.0.113.9", target: null, outcome: "failed", detail: { result: "malformed" } });
    expect(revoked?.requestId).toBe(res.headers.get(REQUEST_ID_HEADER));
    expect(JSON.stringify(events)).not.toContain(live.token);
  });

  it("refuses a body without a token with 400, and rate-limits one address (429 with Retry-After) but not another", async () => {
    const bad = await report({ secret: "x" }, "192.0.2.50");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("INVALID_INPUT");
    for (let i = 1; i < LEAK_REPORTS_PER_MINUTE; i++) expect((await report({ token: "gth-nope" }, "192.0.2.50")).status).toBe(202);
    const limited = await report({ token: "gth-nope" }, "192.0.2.50");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await report({ token: "gth-nope" }, "192.0.2.51")).status).toBe(202);
  });

  it(`says when a token expiring within 7 days expires in ${TOKEN_EXPIRES_HEADER}, on success and refusal alike, and not for later ones`, async () => {
    const soon = await mint("eve", "3d");
    const later = await mint("fay", "30d");
    const never = await mint("gus");
    const ok = await whoami(soon.token);
    expect(ok.status).toBe(200);
    expect(ok.headers.get(TOKEN_EXPIRES_HEADER)).toBe(soon.info.expiresAt);
    // HEAD answers are rebuilt by Hono from the GET one: the header must survive that too.
    const head = await t.app.request("/__api__/whoami", { method: "HEAD", headers: { authorization: `Bearer ${soon.token}` } });
    expect(head.headers.get(TOKEN_EXPIRES_HEADER)).toBe(soon.info.expiresAt);
    expect(head.headers.get(REQUEST_ID_HEADER)).toMatch(/.+/);
    expect(new Date(ok.headers.get(TOKEN_EXPIRES_HEADER) ?? "").getTime()).toBe(start.getTime() + 3 * 86_400_000);
    const refused = await t.app.request("/__api__/tokens", { headers: { authorization: `Bearer ${soon.token}` } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get(TOKEN_EXPIRES_HEADER)).toBe(soon.info.expiresAt);
    expect((await whoami(later.token)).headers.get(TOKEN_EXPIRES_HEADER)).toBeNull();
    expect((await whoami(never.token)).headers.get(TOKEN_EXPIRES_HEADER)).toBeNull();
  });
});

import { type AuditEvent, LOCAL_ACTOR, createRepo, createSource, createToken, revokeToken, subscribe } from "@gatehouse/domain";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type InMemoryApp, openInMemoryApp } from "./support/in-memory-app.js";

// Every refusal the server answers is in the audit log (SPEC §3): 401s for
// presented tokens in the middleware, 403s once in the app's error handler.
describe("auditing refusals (app.request, no sockets)", () => {
  const start = new Date("2026-03-01T00:00:00Z");
  let t: InMemoryApp;

  beforeAll(async () => {
    t = await openInMemoryApp({ tempPrefix: "gh-auth-audit-", start });
    await createSource(t.domain, LOCAL_ACTOR, { name: "internal", kind: "python" });
    await createRepo(t.domain, LOCAL_ACTOR, { name: "locked", type: "python", authenticated: true });
    await subscribe(t.domain, LOCAL_ACTOR, { repo: "locked", source: "internal" });
  });
  afterAll(async () => {
    await t?.close();
  });

  const mint = (user: string, expires?: string) =>
    createToken(t.domain, LOCAL_ACTOR, { scopes: ["repos:read"], repos: ["other"], description: "audit test", user, ...(expires ? { expires } : {}) });
  const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

  /** The audit events of one action, waiting for the fire-and-forget write to land. */
  async function eventsOf(action: string, count: number): Promise<AuditEvent[]> {
    return vi.waitFor(async () => {
      const res = await t.asAdmin(`/__api__/audit?action=${action}`);
      const { events } = (await res.json()) as { events: AuditEvent[] };
      if (events.length < count) throw new Error(`${events.length} of ${count} '${action}' events so far`);
      return events;
    });
  }

  it("audits a 403 from the JSON API with the actor, the path and the refusal", async () => {
    const created = await mint("ann");
    const res = await t.app.request("/__api__/tokens", bearer(created.token), { address: "10.0.0.7" });
    expect(res.status).toBe(403);
    const [event] = await eventsOf("auth.forbidden", 1);
    expect(event).toMatchObject({
      action: "auth.forbidden",
      outcome: "denied",
      actor: `ann (${created.info.display})`,
      target: "/__api__/tokens",
      address: "10.0.0.7",
      detail: { code: "FORBIDDEN" },
    });
    expect(String(event?.detail.message)).not.toBe("");
    expect(JSON.stringify(event)).not.toContain(created.token);
  });

  it("audits a 403 on a protocol path of an authenticated repo, the path token redacted", async () => {
    const created = await mint("ben");
    const res = await t.app.request(`/t/${created.token}/locked/simple/`);
    expect(res.status).toBe(403);
    const [event] = await eventsOf("auth.forbidden", 2);
    expect(event).toMatchObject({ actor: `ben (${created.info.display})`, target: "/t/<redacted>/locked/simple/", detail: { code: "FORBIDDEN" } });
    expect(JSON.stringify(event)).not.toContain(created.token);
  });

  it("names a revoked token by GUID and display form in its 401 entry, never by its secret", async () => {
    const created = await mint("cat");
    await revokeToken(t.domain, LOCAL_ACTOR, { guid: created.info.guid });
    const res = await t.app.request("/__api__/whoami", bearer(created.token), { address: "10.0.0.8" });
    expect(res.status).toBe(401);
    const [event] = await eventsOf("auth.failure", 1);
    expect(event).toMatchObject({
      actor: "anonymous",
      outcome: "denied",
      target: "/__api__/whoami",
      address: "10.0.0.8",
      detail: { reason: "revoked", via: "bearer", guid: created.info.guid, display: created.info.display },
    });
    expect(JSON.stringify(event)).not.toContain(created.token);
  });

  it("names an expired token the same way, also when it came in the path", async () => {
    const created = await mint("dan", "5m");
    t.setNow(new Date(start.getTime() + 10 * 60_000));
    const res = await t.app.request(`/t/${created.token}/locked/simple/`);
    expect(res.status).toBe(401);
    const [event] = await eventsOf("auth.failure", 2);
    expect(event).toMatchObject({
      target: "/t/<redacted>/locked/simple/",
      detail: { reason: "expired", via: "path", guid: created.info.guid, display: created.info.display },
    });
    expect(JSON.stringify(event)).not.toContain(created.token);
  });

  it("names no token for one that does not exist, and answers it with the same 401 body", async () => {
    const unknown = `gth-${"x".repeat(46)}`;
    const res = await t.app.request("/__api__/whoami", bearer(unknown));
    expect(res.status).toBe(401);
    const [event] = await eventsOf("auth.failure", 3);
    expect(event?.detail).toEqual({ reason: "malformed", via: "bearer" });
    expect(JSON.stringify(event)).not.toContain(unknown);
  });
});

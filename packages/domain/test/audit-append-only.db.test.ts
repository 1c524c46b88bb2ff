import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { recordAudit } from "../src/audit/index.js";
import { generateToken } from "@gatehouse/token-model";
import { AuthFailureAuditor, type Domain, LOCAL_ACTOR, TokenVerifier, createToken, listAuditEvents, revokeLeakedToken } from "../src/index.js";
import { testDatabases } from "./databases.js";

describe.each(testDatabases)("the audit log on $name", (database) => {
  let domain: Domain;
  afterEach(async () => {
    await domain?.close();
  });

  it("refuses UPDATE, DELETE and TRUNCATE of audit rows (migration 0007's trigger), and keeps them intact", async () => {
    domain = await database.open();
    await recordAudit(domain.db, { actor: "local", action: "token.create", target: "token:g1", requestId: "req-1" });
    await expect(domain.db.updateTable("audit_events").set({ actor: "someone-else" }).execute()).rejects.toThrow(/append-only: UPDATE/);
    await expect(domain.db.deleteFrom("audit_events").execute()).rejects.toThrow(/append-only: DELETE/);
    await expect(sql`TRUNCATE audit_events`.execute(domain.db)).rejects.toThrow(/append-only: TRUNCATE/);
    const [event] = await listAuditEvents(domain, LOCAL_ACTOR);
    expect(event).toMatchObject({ actor: "local", action: "token.create", target: "token:g1", requestId: "req-1" });
    // Appending still works after the refusals.
    await recordAudit(domain.db, { actor: "local", action: "token.revoke" });
    expect(await listAuditEvents(domain, LOCAL_ACTOR)).toHaveLength(2);
  });

  it("filters by target prefix and by a time range [since, until)", async () => {
    let now = new Date("2026-03-01T10:00:00Z");
    domain = await database.open({ now: () => now });
    // `at` defaults to the database's clock, so each row's time is set by the insert itself.
    for (const [target, at] of [["token:a", "2026-03-01T09:00:00Z"], ["repo:pypi", "2026-03-01T10:00:00Z"], ["token:b", "2026-03-01T11:00:00Z"]] as const) {
      now = new Date(at);
      await domain.db.insertInto("audit_events").values({ actor: "local", action: "x.y", target, outcome: "ok", address: null, detail: JSON.stringify({}), at: now }).execute();
    }
    const targets = async (filter: Parameters<typeof listAuditEvents>[2]) => (await listAuditEvents(domain, LOCAL_ACTOR, filter)).map((e) => e.target);
    expect(await targets({ target: "token:" })).toEqual(["token:b", "token:a"]);
    expect(await targets({ target: "token%" })).toEqual([]);
    expect(await targets({ since: new Date("2026-03-01T09:30:00Z"), until: new Date("2026-03-01T11:00:00Z") })).toEqual(["repo:pypi"]);
    expect(await targets({ target: "token:", until: new Date("2026-03-01T10:30:00Z") })).toEqual(["token:a"]);
  });

  it("folds a flood of failed authentications from one address into one counted row per window", async () => {
    let now = new Date("2026-03-01T00:00:00Z");
    domain = await database.open({ now: () => now });
    const auditor = new AuthFailureAuditor(domain, { individualPerWindow: 3, windowMs: 60_000, flushEveryMs: 0 });
    const failure = (address: string, reason = "unknown") => ({ reason, via: "bearer", target: "/pypi/simple/", address });
    for (let i = 0; i < 500; i++) await auditor.record(failure("10.0.0.1", i % 2 ? "malformed" : "unknown"));
    await auditor.record(failure("10.0.0.2"));
    const failures = () => listAuditEvents(domain, LOCAL_ACTOR, { action: "auth.failure", limit: 1000 });
    // Within the window: the first three from 10.0.0.1 and the one from 10.0.0.2, nothing else yet.
    expect((await failures()).map((e) => e.address).sort()).toEqual(["10.0.0.1", "10.0.0.1", "10.0.0.1", "10.0.0.2"]);
    now = new Date(now.getTime() + 61_000);
    await auditor.flush();
    const [summary] = await failures();
    expect(summary).toMatchObject({ address: "10.0.0.1", outcome: "denied", target: "/pypi/simple/", detail: { aggregated: true, count: 497, reasons: { unknown: 248, malformed: 249 }, windowSeconds: 60 } });
    expect(await failures()).toHaveLength(5);
    // A new window starts with rows of their own again; close() writes what is still counted.
    for (let i = 0; i < 5; i++) await auditor.record(failure("10.0.0.1"));
    await auditor.close();
    const after = await failures();
    expect(after).toHaveLength(9);
    expect(after[0]?.detail).toMatchObject({ aggregated: true, count: 2 });
  });

  it("revokes a reported token once (later reports change nothing), and tells unknown and malformed ones apart only in the log", async () => {
    domain = await database.open();
    const created = await createToken(domain, LOCAL_ACTOR, { scopes: ["api:read"], description: "d", user: "ann" });
    const verifier = new TokenVerifier(domain);
    try {
      expect((await verifier.verify(created.token)).ok).toBe(true);
      const outcomes = [];
      for (const token of [created.token, created.token, generateToken(), "gth-short"]) outcomes.push(await revokeLeakedToken(domain, token, { address: "192.0.2.1", requestId: "r-1" }));
      expect(outcomes).toEqual(["revoked", "already-revoked", "unknown", "malformed"]);
      // The verifier's cache is cleared by the change: refused at once.
      expect(await verifier.verify(created.token)).toMatchObject({ ok: false, reason: "revoked" });
    } finally {
      await verifier.close();
    }
    const events = await listAuditEvents(domain, LOCAL_ACTOR, { action: "token.revoke_leaked" });
    expect(events.map((e) => [e.detail.result, e.address, e.requestId])).toEqual([
      ["malformed", "192.0.2.1", "r-1"],
      ["unknown", "192.0.2.1", "r-1"],
      ["already-revoked", "192.0.2.1", "r-1"],
      ["revoked", "192.0.2.1", "r-1"],
    ]);
    expect(JSON.stringify(events)).not.toContain(created.token);
  });
});

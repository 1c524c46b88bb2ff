import { afterEach, describe, expect, it } from "vitest";
import {
  ANONYMOUS_ACTOR,
  type Domain,
  LOCAL_ACTOR,
  TokenVerifier,
  checkDatabaseReady,
  createToken,
  listAuditEvents,
  recordAuthFailure,
  recordForbidden,
} from "../src/index.js";
import { testDatabases } from "./databases.js";

const SECRET = `gth-${"A".repeat(46)}`;

describe.each(testDatabases)("audit services on $name", (database) => {
  let domain: Domain;
  afterEach(async () => {
    await domain?.close();
  });

  it("records a refused token by GUID and display form, and a 403 by actor, never a secret", async () => {
    domain = await database.open();
    const created = await createToken(domain, LOCAL_ACTOR, { scopes: ["repos:read"], repos: ["other"], description: "d", user: "ann" });
    const verifier = new TokenVerifier(domain);
    const verified = await verifier.verify(created.token);
    await verifier.close();
    if (!verified.ok) throw new Error(verified.reason);
    const token = { guid: created.info.guid, display: created.info.display };
    await recordAuthFailure(domain, { reason: "revoked", via: "path", target: `/t/${SECRET}/conda/noarch/repodata.json`, address: "10.0.0.1", token });
    await recordForbidden(domain, verified.actor, { target: "/__api__/tokens", address: "10.0.0.2", code: "FORBIDDEN", message: "no" });

    const [forbidden, failure] = await listAuditEvents(domain, LOCAL_ACTOR, { limit: 2 });
    expect(failure).toMatchObject({
      action: "auth.failure",
      actor: "anonymous",
      outcome: "denied",
      target: "/t/<redacted>/conda/noarch/repodata.json",
      address: "10.0.0.1",
      detail: { reason: "revoked", via: "path", guid: token.guid, display: token.display },
    });
    expect(forbidden).toMatchObject({
      action: "auth.forbidden",
      actor: `ann (${created.info.display})`,
      outcome: "denied",
      target: "/__api__/tokens",
      detail: { code: "FORBIDDEN", message: "no" },
    });
    const all = JSON.stringify(await listAuditEvents(domain, LOCAL_ACTOR));
    expect(all).not.toContain(created.token);
    expect(all).not.toContain(SECRET);
  });

  it("lets only api:read (or admin) read the log", async () => {
    domain = await database.open();
    const reader = await createToken(domain, LOCAL_ACTOR, { scopes: ["repos:read"], repos: ["a"], description: "d", user: "bo" });
    const verifier = new TokenVerifier(domain);
    const verified = await verifier.verify(reader.token);
    await verifier.close();
    if (!verified.ok) throw new Error(verified.reason);
    await expect(listAuditEvents(domain, verified.actor)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listAuditEvents(domain, ANONYMOUS_ACTOR)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect((await listAuditEvents(domain, LOCAL_ACTOR, { action: "token.create" })).length).toBe(1);
  });

  it("reports the database ready while it answers, and not after it is closed", async () => {
    domain = await database.open();
    expect(await checkDatabaseReady(domain)).toBe(true);
    const closed = domain;
    await closed.close();
    expect(await checkDatabaseReady(closed)).toBe(false);
    domain = await database.open();
  });
});

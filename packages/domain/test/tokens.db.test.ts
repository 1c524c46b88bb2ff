import { parseToken } from "@gatehouse/token-model";
import { afterEach, describe, expect, it } from "vitest";
import {
  type Actor,
  type Domain,
  DomainError,
  LOCAL_ACTOR,
  TokenVerifier,
  bootstrapAdminToken,
  createToken,
  listAuditEvents,
  listTokens,
  mintFirstAdminTokenIfEmpty,
  revokeToken,
} from "../src/index.js";
import { testDatabases } from "./databases.js";

describe.each(testDatabases)("tokens on $name", (database) => {
  let domain: Domain;
  let verifier: TokenVerifier | undefined;
  afterEach(async () => {
    await verifier?.close();
    verifier = undefined;
    await domain?.close();
  });

  async function actorFor(token: string): Promise<Actor> {
    verifier ??= new TokenVerifier(domain);
    const r = await verifier.verify(token);
    if (!r.ok) throw new Error(`token refused: ${r.reason}`);
    return r.actor;
  }

  it("creates a token that verifies, lists it without the secret, and audits it", async () => {
    domain = await database.open();
    const created = await createToken(domain, LOCAL_ACTOR, {
      scopes: ["repos:read"],
      repos: ["pypi"],
      description: "CI reads pypi",
      user: "alice",
    });
    expect(parseToken(created.token).ok).toBe(true);
    expect(created.info).toMatchObject({ user: "alice", scopes: ["repos:read"], repos: ["pypi"], status: "active", expiresAt: null });
    const listed = await listTokens(domain, LOCAL_ACTOR);
    expect(listed.map((t) => t.guid)).toEqual([created.info.guid]);
    expect(JSON.stringify(listed)).not.toContain(created.token);
    const actor = await actorFor(created.token);
    expect(actor).toMatchObject({ kind: "token", userName: "alice" });
    const audit = await listAuditEvents(domain, LOCAL_ACTOR);
    expect(audit[0]).toMatchObject({ action: "token.create", actor: "local" });
    expect(JSON.stringify(audit)).not.toContain(created.token);
  });

  it("refuses bad input with the field at fault and writes nothing", async () => {
    domain = await database.open();
    const cases: [Parameters<typeof createToken>[2], string][] = [
      [{ scopes: ["nope"], description: "d", user: "u" }, "scope"],
      [{ scopes: ["repos:read"], repos: ["a"], expires: "3x", description: "d", user: "u" }, "expires"],
      [{ scopes: ["repos:read"], repos: ["a"], description: " ", user: "u" }, "description"],
      [{ scopes: ["sources:write"], description: "d", user: "u" }, "sources"],
      [{ scopes: ["metadata:read"], description: "d", user: "u" }, "scope"],
      [{ scopes: ["repos:read"], repos: ["a"], description: "x".repeat(501), user: "u" }, "description"],
    ];
    for (const [input, field] of cases) {
      const err = await createToken(domain, LOCAL_ACTOR, input).catch((e: unknown) => e);
      expect(err, JSON.stringify(input)).toBeInstanceOf(DomainError);
      expect((err as DomainError).code).toBe("INVALID_INPUT");
      expect((err as DomainError).field).toBe(field);
    }
    expect(await listTokens(domain, LOCAL_ACTOR, { expired: true, revoked: true })).toEqual([]);
  });

  it("refuses a revoked token on the very next verification, and lists it only with --revoked", async () => {
    domain = await database.open();
    const created = await createToken(domain, LOCAL_ACTOR, { scopes: ["repos:read"], repos: "*", description: "d", user: "bob" });
    verifier = new TokenVerifier(domain);
    expect((await verifier.verify(created.token)).ok).toBe(true);
    await revokeToken(domain, LOCAL_ACTOR, { guid: created.info.guid });
    // The refusal names the token (for the audit log) by GUID and display form, never by its secret.
    const identity = { guid: created.info.guid, display: created.info.display };
    expect(await verifier.verify(created.token)).toEqual({ ok: false, reason: "revoked", token: identity });
    expect(await listTokens(domain, LOCAL_ACTOR)).toEqual([]);
    expect((await listTokens(domain, LOCAL_ACTOR, { revoked: true }))[0]?.status).toBe("revoked");
  });

  it("refuses expired tokens and lists them only with --expired", async () => {
    let now = new Date("2026-01-01T00:00:00Z");
    domain = await database.open({ now: () => now });
    const created = await createToken(domain, LOCAL_ACTOR, { scopes: ["repos:read"], repos: "*", expires: "5m", description: "d", user: "carol" });
    verifier = new TokenVerifier(domain);
    expect((await verifier.verify(created.token)).ok).toBe(true);
    now = new Date("2026-01-01T00:05:00Z");
    const identity = { guid: created.info.guid, display: created.info.display };
    // Once from the verifier's cache, once from the database (a verifier that never saw it).
    expect(await verifier.verify(created.token)).toEqual({ ok: false, reason: "expired", token: identity });
    const fresh = new TokenVerifier(domain);
    expect(await fresh.verify(created.token)).toEqual({ ok: false, reason: "expired", token: identity });
    await fresh.close();
    expect(await listTokens(domain, LOCAL_ACTOR)).toEqual([]);
    expect((await listTokens(domain, LOCAL_ACTOR, { expired: true }))[0]?.status).toBe("expired");
  });

  it("never lets a token mint a broader one, and keeps repos:read out of token admin", async () => {
    domain = await database.open();
    const reader = await createToken(domain, LOCAL_ACTOR, { scopes: ["repos:read"], repos: ["a"], description: "d", user: "dave" });
    const readerActor = await actorFor(reader.token);
    await expect(listTokens(domain, readerActor)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const writer = await createToken(domain, LOCAL_ACTOR, { scopes: ["api:write", "repos"], description: "d", user: "erin" });
    const writerActor = await actorFor(writer.token);
    await expect(
      createToken(domain, writerActor, { scopes: ["all"], description: "d", user: "erin" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      createToken(domain, writerActor, { scopes: ["repos"], description: "d", user: "someone-else" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const own = await createToken(domain, writerActor, { scopes: ["repos"], description: "narrower", user: "erin" });
    expect(own.info.style).toBe("anaconda");
    expect(own.info.expiresAt).not.toBeNull();
  });

  it("mints the first admin token only while no token was ever created", async () => {
    domain = await database.open();
    const first = await mintFirstAdminTokenIfEmpty(domain);
    expect(first?.info.scopes).toEqual(["global:admin"]);
    if (first) await revokeToken(domain, LOCAL_ACTOR, { guid: first.info.guid });
    // A revoked token still counts: a restart must not mint a key nobody asked for.
    expect(await mintFirstAdminTokenIfEmpty(domain)).toBeNull();
  });

  it("bootstraps one admin token and refuses a second unless forced", async () => {
    domain = await database.open();
    const first = await bootstrapAdminToken(domain);
    expect(first.info.scopes).toEqual(["global:admin"]);
    await expect(bootstrapAdminToken(domain)).rejects.toMatchObject({ code: "CONFLICT" });
    const again = await bootstrapAdminToken(domain, { force: true });
    expect(again.token).not.toBe(first.token);
  });

  it("revokes by plaintext token, and a second revoke reports the token as already gone from listings", async () => {
    domain = await database.open();
    const created = await createToken(domain, LOCAL_ACTOR, { scopes: ["blocklist:read"], description: "d", user: "fay" });
    const revoked = await revokeToken(domain, LOCAL_ACTOR, { token: created.token });
    expect(revoked.status).toBe("revoked");
    await expect(revokeToken(domain, LOCAL_ACTOR, { token: "gth-short" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { type Domain, LOCAL_ACTOR, TokenVerifier, createToken, revokeToken } from "../src/index.js";
import { testDatabases } from "./databases.js";

// The verifier's cache as the server's fast path reads it (cachedActor): only tokens verified
// before, still active; never one revoked or expired since, nor one whose revocation raced its check.
describe.each(testDatabases)("token verifier cache on $name", (database) => {
  let domain: Domain;
  let verifier: TokenVerifier | undefined;
  afterEach(async () => {
    await verifier?.close();
    verifier = undefined;
    await domain?.close();
  });

  const mint = async (expires?: string) =>
    (await createToken(domain, LOCAL_ACTOR, { scopes: ["repos:read"], repos: ["pypi"], description: "cache", user: "ann", ...(expires ? { expires } : {}) })).token;

  it("knows a token only once verified, and forgets it when it is revoked", async () => {
    domain = await database.open();
    verifier = new TokenVerifier(domain);
    const token = await mint();
    expect(verifier.cachedActor(token)).toBeUndefined();
    const verified = await verifier.verify(token);
    expect(verified.ok).toBe(true);
    expect(verifier.cachedActor(token)?.userName).toBe("ann");
    await revokeToken(domain, LOCAL_ACTOR, { token });
    expect(verifier.cachedActor(token)).toBeUndefined();
    expect((await verifier.verify(token)).ok).toBe(false);
  });

  it("answers nothing for a cached token once it has expired", async () => {
    let now = new Date("2026-06-01T00:00:00Z");
    domain = await database.open({ now: () => now });
    verifier = new TokenVerifier(domain);
    const token = await mint("1h");
    expect((await verifier.verify(token)).ok).toBe(true);
    expect(verifier.cachedActor(token)).toBeDefined();
    now = new Date("2026-06-01T01:00:01Z");
    expect(verifier.cachedActor(token)).toBeUndefined();
  });

  it("does not remember a token whose check raced a token change", async () => {
    domain = await database.open();
    verifier = new TokenVerifier(domain);
    const token = await mint();
    const checking = verifier.verify(token);
    // The change lands while the row is being read: it may be this token's revocation.
    domain.bus.publish({ kind: "token" });
    expect((await checking).ok).toBe(true);
    expect(verifier.cachedActor(token)).toBeUndefined();
    expect((await verifier.verify(token)).ok).toBe(true);
    expect(verifier.cachedActor(token)).toBeDefined();
  });
});

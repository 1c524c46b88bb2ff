import { afterEach, describe, expect, it } from "vitest";
import { type Domain, DomainError, LOCAL_ACTOR, TokenVerifier, createOrg, createToken, listTokens, revokeToken } from "../src/index.js";
import { testDatabases } from "./databases.js";

const NOW = new Date("2030-03-01T12:00:00.000Z");
const DAY = 86_400_000;

describe.each(testDatabases)("Anaconda-style tokens on $name", (database) => {
  let domain: Domain;
  let verifier: TokenVerifier | undefined;
  afterEach(async () => {
    await verifier?.close();
    verifier = undefined;
    await domain?.close();
  });

  async function named(name: string, user = "alice", extra: { expires?: string; org?: string } = {}) {
    return createToken(domain, LOCAL_ACTOR, { scopes: ["repos", "conda:download"], name, description: `token ${name}`, user, ...extra });
  }

  it("lives one year unless told otherwise, and may name an organization", async () => {
    domain = await database.open({ now: () => NOW });
    await createOrg(domain, LOCAL_ACTOR, { name: "ds" });
    const yearly = await named("laptop", "alice", { org: "ds" });
    expect(yearly.info).toMatchObject({ style: "anaconda", name: "laptop", repos: "*", sources: "*" });
    expect(Date.parse(yearly.info.expiresAt ?? "")).toBe(NOW.getTime() + 365 * DAY);
    const monthly = await named("ci", "alice", { expires: "30d" });
    expect(Date.parse(monthly.info.expiresAt ?? "")).toBe(NOW.getTime() + 30 * DAY);
    const row = await domain.db.selectFrom("tokens").select("org_id").where("guid", "=", yearly.info.guid).executeTakeFirstOrThrow();
    expect(row.org_id).toMatch(/^org_/);
    const unknownOrg = await named("x", "alice", { org: "nope" }).catch((e: unknown) => e);
    expect([(unknownOrg as DomainError).code, (unknownOrg as DomainError).field]).toEqual(["NOT_FOUND", "org"]);
  });

  it("keeps names unique per user among live tokens; a removed name can be reused", async () => {
    domain = await database.open();
    const first = await named("laptop");
    await named("laptop", "bob");
    const clash = await named("laptop").catch((e: unknown) => e);
    expect(clash).toBeInstanceOf(DomainError);
    expect([(clash as DomainError).code, (clash as DomainError).field]).toEqual(["ALREADY_EXISTS", "name"]);

    const removed = await revokeToken(domain, LOCAL_ACTOR, { name: "laptop", user: "alice" });
    expect(removed).toMatchObject({ guid: first.info.guid, status: "revoked" });
    const again = await named("laptop");
    expect(again.info.guid).not.toBe(first.info.guid);
    const listed = await listTokens(domain, LOCAL_ACTOR, { style: "anaconda", user: "alice" });
    expect(listed.map((t) => [t.name, t.status])).toEqual([["laptop", "active"]]);
  });

  it("lets a user list and remove their own tokens by name with an api:write token, and no one else's", async () => {
    domain = await database.open();
    verifier = new TokenVerifier(domain);
    const own = await createToken(domain, LOCAL_ACTOR, { scopes: ["api:write"], name: "manager", description: "self service", user: "alice" });
    await named("laptop");
    await named("laptop", "bob");
    const verified = await verifier.verify(own.token);
    if (!verified.ok) throw new Error(verified.reason);
    const alice = verified.actor;
    expect((await listTokens(domain, alice, { style: "anaconda" })).map((t) => t.user)).toEqual(["alice", "alice"]);
    await revokeToken(domain, alice, { name: "laptop" });
    const bobs = await revokeToken(domain, alice, { name: "laptop", user: "bob" }).catch((e: unknown) => e);
    expect((bobs as DomainError).code).toBe("NOT_FOUND");
    expect((await listTokens(domain, LOCAL_ACTOR, { user: "bob" })).map((t) => t.status)).toEqual(["active"]);
    // The revocation reaches the verifier's cache at once: the token is refused on the next request.
    const removedSelf = await revokeToken(domain, alice, { name: "manager" });
    expect(removedSelf.status).toBe("revoked");
    expect(await verifier.verify(own.token)).toMatchObject({ ok: false, reason: "revoked", token: { guid: own.info.guid } });
  });
});

import { afterEach, describe, expect, it } from "vitest";
import {
  ANONYMOUS_ACTOR,
  type Domain,
  DomainError,
  LOCAL_ACTOR,
  TokenVerifier,
  addGroupMember,
  addOrgMember,
  createGroup,
  createOrg,
  createRepo,
  deleteGroup,
  deleteOrg,
  getOrg,
  grantAccess,
  listAuditEvents,
  listOrgs,
  removeGroupMember,
  removeOrgMember,
  revokeGrant,
} from "../src/index.js";
import { testDatabases } from "./databases.js";
import { actorWith } from "./identity-helpers.js";

async function codeOf(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(err)}`);
  return err.code;
}

describe.each(testDatabases)("organizations, groups and grants on $name", (database) => {
  let domain: Domain;
  let verifier: TokenVerifier | undefined;
  afterEach(async () => {
    await verifier?.close();
    verifier = undefined;
    await domain?.close();
  });

  it("creates an org with groups, members and grants, audits every change and deletes it all", async () => {
    domain = await database.open();
    await createRepo(domain, LOCAL_ACTOR, { name: "pypi", type: "python", authenticated: false });
    const org = await createOrg(domain, LOCAL_ACTOR, { name: "ds", owner: "olga" }, { address: "10.0.0.9" });
    expect(org).toMatchObject({ name: "ds", members: 1, groups: 0 });
    await createGroup(domain, LOCAL_ACTOR, { org: "ds", group: "analysts" });
    const withMember = await addGroupMember(domain, LOCAL_ACTOR, { org: "ds", group: "analysts", user: "alice@example.com" });
    expect(withMember.members).toEqual([{ user: "alice@example.com", role: "member" }]);
    const granted = await grantAccess(domain, LOCAL_ACTOR, { org: "ds", group: "analysts", repo: "pypi", package: "Secret_Sauce", permission: "read" });
    expect(granted.grants).toMatchObject([{ repo: "pypi", package: "secret-sauce", permission: "read" }]);
    // Granting the same target again changes the permission instead of adding a second grant.
    const upgraded = await grantAccess(domain, LOCAL_ACTOR, { org: "ds", group: "analysts", repo: "pypi", package: "secret.sauce", permission: "write" });
    expect(upgraded.grants).toMatchObject([{ package: "secret-sauce", permission: "write" }]);
    await grantAccess(domain, LOCAL_ACTOR, { org: "ds", group: "analysts", repo: "pypi", permission: "read" });

    const detail = await getOrg(domain, LOCAL_ACTOR, "ds");
    // Joining a group makes the user a member of its org; the owner stays an owner.
    expect(detail.memberList).toEqual([
      { user: "alice@example.com", role: "member" },
      { user: "olga", role: "owner" },
    ]);
    expect(detail.groupList.map((g) => [g.name, g.grants.length])).toEqual([["analysts", 2]]);

    const revoked = await revokeGrant(domain, LOCAL_ACTOR, { org: "ds", group: "analysts", repo: "pypi", package: "SECRET-sauce" });
    expect(revoked.grants).toMatchObject([{ package: null, permission: "read" }]);
    expect((await removeGroupMember(domain, LOCAL_ACTOR, { org: "ds", group: "analysts", user: "alice@example.com" })).members).toEqual([]);
    expect((await removeOrgMember(domain, LOCAL_ACTOR, { org: "ds", user: "alice@example.com" })).memberList.map((m) => m.user)).toEqual(["olga"]);
    await deleteGroup(domain, LOCAL_ACTOR, { org: "ds", group: "analysts" });
    await deleteOrg(domain, LOCAL_ACTOR, "ds");
    expect(await listOrgs(domain, LOCAL_ACTOR)).toEqual([]);

    const audit = (await listAuditEvents(domain, LOCAL_ACTOR)).reverse();
    expect(audit.map((e) => e.action)).toEqual([
      "repo.create",
      "org.create",
      "group.create",
      "group.member.add",
      "group.grant",
      "group.grant",
      "group.grant",
      "group.revoke",
      "group.member.remove",
      "org.member.remove",
      "group.delete",
      "org.delete",
    ]);
    expect(audit[1]).toMatchObject({ actor: "local", target: "org:ds", address: "10.0.0.9", outcome: "ok" });
    expect(audit[5]?.detail).toMatchObject({ repo: "pypi", package: "secret-sauce", permission: "write", before: "read" });
    const changes = await domain.db.selectFrom("changes").select("kind").where("kind", "=", "access").execute();
    expect(changes.length).toBe(11);
  });

  it("refuses bad input and unknown names with the field at fault, and duplicates with ALREADY_EXISTS", async () => {
    domain = await database.open();
    await createRepo(domain, LOCAL_ACTOR, { name: "pypi", type: "python" });
    await createOrg(domain, LOCAL_ACTOR, { name: "ds" });
    await createGroup(domain, LOCAL_ACTOR, { org: "ds", group: "g" });
    const cases: [string, () => Promise<unknown>, string, string][] = [
      ["bad org name", () => createOrg(domain, LOCAL_ACTOR, { name: "has space" }), "INVALID_INPUT", "name"],
      ["duplicate org", () => createOrg(domain, LOCAL_ACTOR, { name: "ds" }), "ALREADY_EXISTS", "name"],
      ["duplicate group", () => createGroup(domain, LOCAL_ACTOR, { org: "ds", group: "g" }), "ALREADY_EXISTS", "name"],
      ["group in unknown org", () => createGroup(domain, LOCAL_ACTOR, { org: "nope", group: "g" }), "NOT_FOUND", "org"],
      ["unknown group", () => addGroupMember(domain, LOCAL_ACTOR, { org: "ds", group: "nope", user: "a" }), "NOT_FOUND", "group"],
      ["bad user", () => addGroupMember(domain, LOCAL_ACTOR, { org: "ds", group: "g", user: "not valid" }), "INVALID_INPUT", "user"],
      ["bad permission", () => grantAccess(domain, LOCAL_ACTOR, { org: "ds", group: "g", repo: "pypi", permission: "own" }), "INVALID_INPUT", "permission"],
      ["unknown repo", () => grantAccess(domain, LOCAL_ACTOR, { org: "ds", group: "g", repo: "nope", permission: "read" }), "NOT_FOUND", "repo"],
      ["no such grant", () => revokeGrant(domain, LOCAL_ACTOR, { org: "ds", group: "g", repo: "pypi", package: "x" }), "NOT_FOUND", "package"],
      ["not a member", () => removeOrgMember(domain, LOCAL_ACTOR, { org: "ds", user: "admin" }), "NOT_FOUND", "user"],
      ["bad role", () => addOrgMember(domain, LOCAL_ACTOR, { org: "ds", user: "a", role: "boss" as "owner" }), "INVALID_INPUT", "role"],
    ];
    for (const [what, run, code, field] of cases) {
      const err = await run().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, what).toBeInstanceOf(DomainError);
      expect([(err as DomainError).code, (err as DomainError).field], what).toEqual([code, field]);
    }
  });

  it("needs groups:manage to change anything; members see their own orgs only", async () => {
    domain = await database.open();
    verifier = new TokenVerifier(domain);
    await createOrg(domain, LOCAL_ACTOR, { name: "ds" });
    await createOrg(domain, LOCAL_ACTOR, { name: "other" });
    await createGroup(domain, LOCAL_ACTOR, { org: "ds", group: "g" });
    await addGroupMember(domain, LOCAL_ACTOR, { org: "ds", group: "g", user: "alice" });
    const alice = await actorWith(domain, verifier, "alice", ["conda:download"]);
    const manager = await actorWith(domain, verifier, "mgr", ["api:modify-group"]);
    const writer = await actorWith(domain, verifier, "bob", ["api:write"]);

    expect(await codeOf(createOrg(domain, alice, { name: "x" }))).toBe("FORBIDDEN");
    expect(await codeOf(createOrg(domain, writer, { name: "x" }))).toBe("FORBIDDEN");
    expect(await codeOf(createOrg(domain, ANONYMOUS_ACTOR, { name: "x" }))).toBe("UNAUTHENTICATED");
    expect(await codeOf(addGroupMember(domain, alice, { org: "ds", group: "g", user: "mallory" }))).toBe("FORBIDDEN");
    await createGroup(domain, manager, { org: "ds", group: "by-manager" });
    await addOrgMember(domain, manager, { org: "ds", user: "alice", role: "owner" });
    expect((await getOrg(domain, alice, "ds")).memberList).toEqual([{ user: "alice", role: "owner" }]);
    // Joining another group keeps an owner an owner.
    await addGroupMember(domain, manager, { org: "ds", group: "by-manager", user: "alice" });
    expect((await getOrg(domain, alice, "ds")).memberList).toEqual([{ user: "alice", role: "owner" }]);

    expect((await listOrgs(domain, alice)).map((o) => o.name)).toEqual(["ds"]);
    expect((await listOrgs(domain, writer)).map((o) => o.name)).toEqual(["ds", "other"]);
    expect((await getOrg(domain, alice, "ds")).groupList.map((g) => g.name)).toEqual(["by-manager", "g"]);
    expect(await codeOf(getOrg(domain, alice, "other"))).toBe("NOT_FOUND");
    expect(await codeOf(listOrgs(domain, ANONYMOUS_ACTOR))).toBe("UNAUTHENTICATED");
  });
});

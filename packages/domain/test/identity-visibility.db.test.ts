import { afterEach, describe, expect, it } from "vitest";
import {
  ANONYMOUS_ACTOR,
  type Actor,
  type Domain,
  DomainError,
  LOCAL_ACTOR,
  TokenVerifier,
  addGroupMember,
  createGroup,
  createOrg,
  createRepo,
  createSource,
  getPackageAccess,
  grantAccess,
  listAuditEvents,
  removeGroupMember,
  setPackageAccess,
  subscribe,
} from "../src/index.js";
import { VisibilityResolver } from "../src/access/private-visibility.js";
import { testDatabases } from "./databases.js";
import { actorWith, publishWheel } from "./identity-helpers.js";

describe.each(testDatabases)("private packages on $name", (database) => {
  let domain: Domain;
  let verifier: TokenVerifier;
  let resolver: VisibilityResolver;
  afterEach(async () => {
    resolver?.close();
    await verifier?.close();
    await domain?.close();
  });

  /** A public python repo with a public package and a private one owned by `owner`. */
  async function setUp(): Promise<{ owner: Actor; member: Actor; stranger: Actor; manager: Actor }> {
    domain = await database.open();
    verifier = new TokenVerifier(domain);
    resolver = new VisibilityResolver(domain);
    await createSource(domain, LOCAL_ACTOR, { name: "internal", kind: "python" });
    await createRepo(domain, LOCAL_ACTOR, { name: "pypi", type: "python", authenticated: false });
    await subscribe(domain, LOCAL_ACTOR, { repo: "pypi", source: "internal" });
    const owner = await actorWith(domain, verifier, "olga", ["sources:write"], { sources: ["internal"] });
    await publishWheel(domain, owner, "internal", "Secret_Sauce", "1.0");
    await publishWheel(domain, LOCAL_ACTOR, "internal", "public-pkg", "2.0");
    await setPackageAccess(domain, owner, { source: "internal", name: "secret-sauce", private: true });
    await createOrg(domain, LOCAL_ACTOR, { name: "ds" });
    await createGroup(domain, LOCAL_ACTOR, { org: "ds", group: "analysts" });
    await addGroupMember(domain, LOCAL_ACTOR, { org: "ds", group: "analysts", user: "alice" });
    await grantAccess(domain, LOCAL_ACTOR, { org: "ds", group: "analysts", repo: "pypi", package: "secret.sauce", permission: "read" });
    return {
      owner,
      member: await actorWith(domain, verifier, "alice", ["pypi:download"]),
      stranger: await actorWith(domain, verifier, "sam", ["pypi:download"]),
      manager: await actorWith(domain, verifier, "mgr", ["api:modify-group"]),
    };
  }

  async function visibilityOf(actor: Actor) {
    const view = await domain.catalog.repo("pypi");
    if (!view) throw new Error("repo missing");
    return resolver.forViewer(actor, view);
  }

  async function projectsSeenBy(actor: Actor): Promise<string[]> {
    return (await domain.catalog.listPackages(actor, "pypi")).map((p) => p.project);
  }

  it("shows a private package to its owner, granted group members and managers only; the cache key tells the views apart", async () => {
    const { owner, member, stranger, manager } = await setUp();
    const table: [string, Actor, string[]][] = [
      ["anonymous", ANONYMOUS_ACTOR, ["public-pkg"]],
      ["a user without grants", stranger, ["public-pkg"]],
      ["the owner", owner, ["public-pkg", "secret-sauce"]],
      ["a member of a granted group", member, ["public-pkg", "secret-sauce"]],
      ["a manager", manager, ["public-pkg", "secret-sauce"]],
      ["the local operator", LOCAL_ACTOR, ["public-pkg", "secret-sauce"]],
    ];
    for (const [who, actor, expected] of table) expect(await projectsSeenBy(actor), who).toEqual(expected);

    const anonymous = await visibilityOf(ANONYMOUS_ACTOR);
    expect([...anonymous.hidden]).toEqual(["secret-sauce"]);
    expect((await visibilityOf(stranger)).key).toBe(anonymous.key);
    const seeing = await visibilityOf(member);
    expect(seeing.hidden.size).toBe(0);
    expect(seeing.key).not.toBe(anonymous.key);
    // Everyone who sees the same projects shares one cached page.
    expect((await visibilityOf(owner)).key).toBe(seeing.key);
    expect((await visibilityOf(manager)).key).toBe(seeing.key);
  });

  it("follows group changes at once (grants are cached per user and dropped on access changes)", async () => {
    const { member } = await setUp();
    expect(await projectsSeenBy(member)).toContain("secret-sauce");
    await removeGroupMember(domain, LOCAL_ACTOR, { org: "ds", group: "analysts", user: "alice" });
    expect(await projectsSeenBy(member)).toEqual(["public-pkg"]);
    await addGroupMember(domain, LOCAL_ACTOR, { org: "ds", group: "analysts", user: "alice" });
    await grantAccess(domain, LOCAL_ACTOR, { org: "ds", group: "analysts", repo: "pypi", permission: "read" });
    expect(await projectsSeenBy(member)).toContain("secret-sauce");
  });

  it("makes a package public again, and a grant on the whole repo reveals every private package of it", async () => {
    const { owner, stranger } = await setUp();
    await setPackageAccess(domain, owner, { source: "internal", name: "Secret_Sauce", private: false });
    expect(await projectsSeenBy(stranger)).toEqual(["public-pkg", "secret-sauce"]);
    expect((await visibilityOf(ANONYMOUS_ACTOR)).key).toBe("");

    await setPackageAccess(domain, LOCAL_ACTOR, { source: "internal", name: "public-pkg", private: true });
    await setPackageAccess(domain, LOCAL_ACTOR, { source: "internal", name: "secret-sauce", private: true });
    expect(await projectsSeenBy(stranger)).toEqual([]);
    await createGroup(domain, LOCAL_ACTOR, { org: "ds", group: "readers" });
    await addGroupMember(domain, LOCAL_ACTOR, { org: "ds", group: "readers", user: "sam" });
    await grantAccess(domain, LOCAL_ACTOR, { org: "ds", group: "readers", repo: "pypi", permission: "read" });
    expect(await projectsSeenBy(stranger)).toEqual(["public-pkg", "secret-sauce"]);
  });

  it("lets only managers and the owner with write access change privacy, and never reveals a private package by the refusal", async () => {
    const { owner, member, stranger } = await setUp();
    const writerElse = await actorWith(domain, verifier, "wendy", ["sources:write"], { sources: ["internal"] });
    const ownerReadOnly = await actorWith(domain, verifier, "olga", ["pypi:download"]);
    const refusals: [string, Actor, string][] = [
      ["a group member", member, "secret-sauce"],
      ["another writer", writerElse, "secret-sauce"],
      ["the owner without write access", ownerReadOnly, "secret-sauce"],
      ["a stranger, on a package that does not exist", stranger, "no-such-thing"],
    ];
    const messages = new Set<string>();
    for (const [who, actor, name] of refusals) {
      const err = await setPackageAccess(domain, actor, { source: "internal", name, private: false }).catch((e: unknown) => e);
      expect(err, who).toBeInstanceOf(DomainError);
      expect((err as DomainError).code, who).toBe("FORBIDDEN");
      messages.add((err as DomainError).message);
    }
    expect(messages.size).toBe(1);
    const ownerChange = await setPackageAccess(domain, owner, { source: "internal", name: "secret-sauce", owner: "wendy" }).catch((e: unknown) => e);
    expect((ownerChange as DomainError).field).toBe("owner");

    const handed = await setPackageAccess(domain, LOCAL_ACTOR, { source: "internal", name: "secret-sauce", owner: "wendy" });
    expect(handed).toMatchObject({ project: "secret-sauce", private: true, owner: "wendy" });
    expect(await getPackageAccess(domain, writerElse, { source: "internal", name: "Secret.Sauce" })).toMatchObject({ owner: "wendy" });
    const hidden = await getPackageAccess(domain, stranger, { source: "internal", name: "secret-sauce" }).catch((e: unknown) => e);
    expect((hidden as DomainError).code).toBe("NOT_FOUND");

    const audit = await listAuditEvents(domain, LOCAL_ACTOR, { action: "package.access" });
    expect(audit[0]).toMatchObject({ actor: "local", target: "source:internal/secret-sauce", detail: { private: true, owner: "wendy" } });
    expect(audit.at(-1)?.actor).toMatch(/^olga \(gth-/);
  });

  it("in an authenticated repo, reads need a token for the repo's type, and grants count only for the repo they name", async () => {
    const { member } = await setUp();
    await createRepo(domain, LOCAL_ACTOR, { name: "locked", type: "python", authenticated: true });
    await subscribe(domain, LOCAL_ACTOR, { repo: "locked", source: "internal" });
    const locked = async (actor: Actor) => (await domain.catalog.listPackages(actor, "locked")).map((p) => p.project);
    const anonymous = await domain.catalog.listPackages(ANONYMOUS_ACTOR, "locked").catch((e: unknown) => e);
    expect((anonymous as DomainError).code).toBe("UNAUTHENTICATED");
    const condaOnly = await actorWith(domain, verifier, "alice", ["conda:download"]);
    expect(((await locked(condaOnly).catch((e: unknown) => e)) as DomainError).code).toBe("FORBIDDEN");
    // alice's group is granted the package on repo "pypi" only.
    expect(await locked(member)).toEqual(["public-pkg"]);
    await grantAccess(domain, LOCAL_ACTOR, { org: "ds", group: "analysts", repo: "locked", package: "secret-sauce", permission: "read" });
    expect(await locked(member)).toEqual(["public-pkg", "secret-sauce"]);
    const ownerReader = await actorWith(domain, verifier, "olga", ["pypi:download"]);
    expect(await locked(ownerReader)).toEqual(["public-pkg", "secret-sauce"]);
  });

  it("drops the project's index pages and the caches of other processes through the changes table", async () => {
    const { owner } = await setUp();
    const seen: string[] = [];
    domain.bus.subscribe((c) => seen.push(`${c.kind}:${c.project ?? ""}`));
    await setPackageAccess(domain, owner, { source: "internal", name: "secret-sauce", private: false });
    expect(seen).toEqual(["access:", "package:secret-sauce"]);
    const rows = await domain.db.selectFrom("changes").select(["kind", "project"]).orderBy("id", "desc").limit(2).execute();
    expect(rows.map((r) => `${r.kind}:${r.project ?? ""}`).sort()).toEqual(["access:", "package:secret-sauce"]);
  });
});

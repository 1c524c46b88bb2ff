import { Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import {
  type Actor,
  type Domain,
  LOCAL_ACTOR,
  TokenVerifier,
  addGroupMember,
  createGroup,
  createOrg,
  createRepo,
  createSource,
  createToken,
  editRepo,
  explainAccess,
  grantAccess,
  publishFile,
  setPackageAccess,
  subscribe,
} from "../src/index.js";
import { testDatabases } from "./databases.js";
import { buildWheel, publishWheel } from "./identity-helpers.js";

type Code = string | undefined;
const codeOf = async (work: Promise<unknown>): Promise<Code> =>
  work.then(
    () => undefined,
    (e: unknown) => (e as { code?: string }).code ?? String(e),
  );

describe.each(testDatabases)("group grants on $name", (database) => {
  let domain: Domain;
  let verifier: TokenVerifier;
  afterEach(async () => {
    await verifier?.close();
    await domain?.close();
  });

  async function actor(user: string, scopes: string[], lists: { repos?: string[]; sources?: string[] } = {}): Promise<Actor> {
    const created = await createToken(domain, LOCAL_ACTOR, { scopes, description: `${user} test`, user, ...lists });
    const verified = await verifier.verify(created.token);
    if (!verified.ok) throw new Error(`token refused: ${verified.reason}`);
    return verified.actor;
  }

  /** An authenticated python repo "locked" over source "internal"; readers, writers and admins groups granted on it. */
  async function setUp(): Promise<void> {
    domain = await database.open();
    verifier = new TokenVerifier(domain);
    await createSource(domain, LOCAL_ACTOR, { name: "internal", kind: "python" });
    await createSource(domain, LOCAL_ACTOR, { name: "elsewhere", kind: "python" });
    await createRepo(domain, LOCAL_ACTOR, { name: "locked", type: "python", authenticated: true });
    await createRepo(domain, LOCAL_ACTOR, { name: "other", type: "python", authenticated: true });
    await subscribe(domain, LOCAL_ACTOR, { repo: "locked", source: "internal" });
    await publishWheel(domain, LOCAL_ACTOR, "internal", "shared-lib", "1.0");
    await createOrg(domain, LOCAL_ACTOR, { name: "acme" });
    for (const [group, user, permission] of [
      ["readers", "rita", "read"],
      ["writers", "walt", "write"],
      ["admins", "ada", "admin"],
    ] as const) {
      await createGroup(domain, LOCAL_ACTOR, { org: "acme", group });
      await addGroupMember(domain, LOCAL_ACTOR, { org: "acme", group, user });
      await grantAccess(domain, LOCAL_ACTOR, { org: "acme", group, repo: "locked", permission });
    }
  }

  it("a read grant opens an authenticated repo to members, within a read-capable token, and names the grant", async () => {
    await setUp();
    const rita = await actor("rita", ["repos:read"], { repos: ["other"] });
    const reader = await domain.catalog.reader(rita, "locked");
    expect(reader.access.basis).toMatchObject({ kind: "grant", group: "acme/readers", permission: "read", ceiling: "repos:read" });
    expect(reader.access.explanation).toContain('group "acme/readers" holds read on repo "locked"');
    expect((await reader.files(null)).map((f) => f.project)).toEqual(["shared-lib"]);

    const outsider = await actor("oscar", ["repos:read"], { repos: ["other"] });
    expect(await codeOf(domain.catalog.reader(outsider, "locked"))).toBe("FORBIDDEN");
    // A token with no read scope at all stays below the ceiling, whatever the grant.
    const noRead = await actor("rita", ["blocklist:read"]);
    expect(await codeOf(domain.catalog.reader(noRead, "locked"))).toBe("FORBIDDEN");
    // A conda download token cannot read a python repo through a grant either.
    const condaOnly = await actor("rita", ["conda:download"]);
    expect(await codeOf(domain.catalog.reader(condaOnly, "locked"))).toBe("FORBIDDEN");
  });

  it("write and admin grants read too, and a write grant lets members upload to the repo's sources", async () => {
    await setUp();
    const walt = await actor("walt", ["sources:write", "repos:read"], { sources: ["elsewhere"], repos: ["other"] });
    expect((await domain.catalog.reader(walt, "locked")).access.basis).toMatchObject({ kind: "grant", permission: "write" });
    // An upload-only token reads nothing, grant or not: its scopes are its ceiling.
    const waltUploadOnly = await actor("walt", ["sources:write"], { sources: ["elsewhere"] });
    expect(await codeOf(domain.catalog.reader(waltUploadOnly, "locked"))).toBe("FORBIDDEN");
    const wheel = buildWheel("walts-lib", "1.0");
    const info = await publishFile(domain, walt, { source: "internal", filename: wheel.filename, body: Readable.from([wheel.bytes]) });
    expect(info.project).toBe("walts-lib");

    const rita = await actor("rita", ["sources:write"], { sources: ["elsewhere"] });
    const other = buildWheel("ritas-lib", "1.0");
    expect(await codeOf(publishFile(domain, rita, { source: "internal", filename: other.filename, body: Readable.from([other.bytes]) }))).toBe("FORBIDDEN");
    // The grant reaches only the sources of the granted repo.
    await expect(codeOf(publishWheel(domain, walt, "elsewhere", "x", "1.0"))).resolves.toBeUndefined();
    const waltDownloadOnly = await actor("walt", ["pypi:download"]);
    expect(await codeOf(publishWheel(domain, waltDownloadOnly, "internal", "never", "1.0"))).toBe("FORBIDDEN");
  });

  it("an admin grant lets members change the repo's settings and package access, with a write-capable token", async () => {
    await setUp();
    const ada = await actor("ada", ["sources:write"], { sources: ["elsewhere"] });
    const edited = await editRepo(domain, ada, { name: "locked", description: "kept by acme/admins" });
    expect(edited.description).toBe("kept by acme/admins");
    const access = await setPackageAccess(domain, ada, { source: "internal", name: "shared-lib", private: true });
    expect(access.private).toBe(true);

    const walt = await actor("walt", ["sources:write"], { sources: ["elsewhere"] });
    expect(await codeOf(editRepo(domain, walt, { name: "locked", description: "nope" }))).toBe("FORBIDDEN");
    expect(await codeOf(setPackageAccess(domain, walt, { source: "internal", name: "shared-lib", private: false }))).toBe("FORBIDDEN");
    const adaReadOnly = await actor("ada", ["repos:read"], { repos: ["locked"] });
    expect(await codeOf(editRepo(domain, adaReadOnly, { name: "locked", description: "nope" }))).toBe("FORBIDDEN");
    // Not granted on "other": no admin there.
    expect(await codeOf(editRepo(domain, ada, { name: "other", description: "nope" }))).toBe("FORBIDDEN");
  });

  it("the anonymous caller of an unknown repo gets the answer an authenticated repo gives", async () => {
    await setUp();
    const anonymous: Actor = { kind: "anonymous" };
    expect(await codeOf(domain.catalog.reader(anonymous, "locked"))).toBe("UNAUTHENTICATED");
    expect(await codeOf(domain.catalog.reader(anonymous, "no-such-repo"))).toBe("UNAUTHENTICATED");
    const rita = await actor("rita", ["repos:read"], { repos: ["other"] });
    expect(await codeOf(domain.catalog.reader(rita, "no-such-repo"))).toBe("NOT_FOUND");
  });

  it("explain names the grant that allowed a request, or the ceiling that refused it", async () => {
    await setUp();
    const rita = await createToken(domain, LOCAL_ACTOR, { scopes: ["repos:read"], repos: ["other"], description: "rita", user: "rita" });
    const read = await explainAccess(domain, LOCAL_ACTOR, { token: rita.token }, "repo:read", { repo: "locked" });
    expect(read).toMatchObject({ allowed: true, grantedBy: expect.stringContaining("acme/readers") });
    expect(read.explanation).toContain('group "acme/readers" holds read on repo "locked"');
    const write = await explainAccess(domain, LOCAL_ACTOR, { token: rita.token }, "source:write", { source: "internal" });
    expect(write.allowed).toBe(false);
    const condaWalt = await createToken(domain, LOCAL_ACTOR, { scopes: ["conda:download"], description: "walt", user: "walt" });
    const capped = await explainAccess(domain, LOCAL_ACTOR, { token: condaWalt.token }, "source:write", { source: "internal" });
    expect(capped.allowed).toBe(false);
    expect(capped.explanation).toContain("a token's scopes are its ceiling");
  });
});

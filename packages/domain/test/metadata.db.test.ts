import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ANONYMOUS_ACTOR,
  type Domain,
  LOCAL_ACTOR,
  createRepo,
  createSource,
  deletePackageMetadata,
  listPackageMetadata,
  setPackageMetadata,
  subscribe,
} from "../src/index.js";
import { testDatabases } from "./databases.js";
import { publishWheel } from "./identity-helpers.js";
import { failureOf, tokenActor } from "./scoped-actors.js";

describe.each(testDatabases)("package metadata on $name", (database) => {
  let domain: Domain;
  const admin = tokenActor("meg", ["metadata:admin"]);
  const pypiReader = tokenActor("rory", ["repos:read"], ["pypi"]);
  const legacyReader = tokenActor("leo", ["metadata:read"]);

  beforeAll(async () => {
    domain = await database.open();
    for (const [repo, source] of [["pypi", "team"], ["other", "lab"]] as const) {
      await createSource(domain, LOCAL_ACTOR, { name: source, kind: "python" });
      await createRepo(domain, LOCAL_ACTOR, { name: repo, type: "python", authenticated: true });
      await subscribe(domain, LOCAL_ACTOR, { repo, source });
    }
    await publishWheel(domain, LOCAL_ACTOR, "team", "Data_Table", "1.0");
    await publishWheel(domain, LOCAL_ACTOR, "lab", "secret-lab-tool", "0.1");
  });
  afterAll(async () => {
    await domain?.close();
  });

  const auditOf = (action: string) => domain.db.selectFrom("audit_events").selectAll().where("action", "=", action).orderBy("id").execute();

  it("sets notes with metadata:admin under the folded name, replaces them and audits the value before and after", async () => {
    const entry = await setPackageMetadata(domain, admin, { name: "Data.Table", key: "owner", value: "platform" }, { address: "10.1.1.1" });
    expect(entry).toMatchObject({ name: "data-table", key: "owner", value: "platform", updatedBy: "meg (gth-test…meg)" });
    await setPackageMetadata(domain, admin, { name: "data__table", key: "owner", value: "data-eng" });
    await setPackageMetadata(domain, admin, { name: "data-table", key: "advisory", value: "GHSA-xxxx: upgrade to 1.1" });
    await setPackageMetadata(domain, admin, { name: "secret-lab-tool", key: "owner", value: "lab" });
    expect((await listPackageMetadata(domain, admin, { name: "Data_Table" })).map((e) => [e.key, e.value])).toEqual([
      ["advisory", "GHSA-xxxx: upgrade to 1.1"],
      ["owner", "data-eng"],
    ]);
    const audit = await auditOf("metadata.set");
    expect(audit[0]).toMatchObject({ actor: "meg (gth-test…meg)", target: "package:data-table", address: "10.1.1.1", detail: { key: "owner", value: "platform", before: null } });
    expect(audit[1]).toMatchObject({ detail: { key: "owner", value: "data-eng", before: "platform" } });
  });

  it("lets repos:read read the notes of its repo's packages only, and legacy metadata:read read everything", async () => {
    expect((await listPackageMetadata(domain, pypiReader, { repo: "pypi" })).map((e) => `${e.name}/${e.key}`)).toEqual(["data-table/advisory", "data-table/owner"]);
    expect(await failureOf(listPackageMetadata(domain, pypiReader, { repo: "other" }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await failureOf(listPackageMetadata(domain, pypiReader))).toMatchObject({ code: "FORBIDDEN" });
    // An unknown repo looks like one the token may not read, so names cannot be probed.
    expect(await failureOf(listPackageMetadata(domain, pypiReader, { repo: "nope" }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await failureOf(listPackageMetadata(domain, legacyReader, { repo: "nope" }))).toMatchObject({ code: "NOT_FOUND", field: "repo" });

    expect(await listPackageMetadata(domain, legacyReader)).toHaveLength(3);
    expect(await listPackageMetadata(domain, legacyReader, { repo: "other" })).toMatchObject([{ name: "secret-lab-tool", key: "owner" }]);
    expect(await listPackageMetadata(domain, tokenActor("ann", ["api:read"]))).toHaveLength(3);
    expect(await listPackageMetadata(domain, admin, { repo: "pypi", name: "DATA.table" })).toHaveLength(2);
  });

  it("refuses anonymous callers and writers without metadata:manage", async () => {
    expect(await failureOf(listPackageMetadata(domain, ANONYMOUS_ACTOR))).toMatchObject({ code: "UNAUTHENTICATED" });
    expect(await failureOf(listPackageMetadata(domain, ANONYMOUS_ACTOR, { repo: "pypi" }))).toMatchObject({ code: "UNAUTHENTICATED" });
    expect(await failureOf(setPackageMetadata(domain, ANONYMOUS_ACTOR, { name: "x", key: "k", value: "v" }))).toMatchObject({ code: "UNAUTHENTICATED" });
    expect(await failureOf(setPackageMetadata(domain, pypiReader, { name: "x", key: "k", value: "v" }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await failureOf(setPackageMetadata(domain, legacyReader, { name: "x", key: "k", value: "v" }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await failureOf(deletePackageMetadata(domain, pypiReader, { name: "data-table", key: "owner" }))).toMatchObject({ code: "FORBIDDEN" });
  });

  it("hides packages the visibility rule drops", async () => {
    const visible = (name: string) => name !== "secret-lab-tool";
    expect((await listPackageMetadata(domain, legacyReader, {}, visible)).map((e) => e.name)).toEqual(["data-table", "data-table"]);
  });

  it.each([
    [{ name: "x", key: "Owner", value: "v" }, "key"],
    [{ name: "x", key: "-owner", value: "v" }, "key"],
    [{ name: "x", key: "k".repeat(65), value: "v" }, "key"],
    [{ name: "x", key: "", value: "v" }, "key"],
    [{ name: "x", key: "owner", value: "v".repeat(2001) }, "value"],
    [{ name: "bad name", key: "owner", value: "v" }, "name"],
    [{ name: "", key: "owner", value: "v" }, "name"],
  ])("refuses %j naming %s", async (input, field) => {
    expect(await failureOf(setPackageMetadata(domain, admin, input))).toMatchObject({ code: "INVALID_INPUT", field });
  });

  it("removes a key with an empty value or deletePackageMetadata, audited as metadata.delete", async () => {
    expect(await setPackageMetadata(domain, admin, { name: "data-table", key: "advisory", value: "" })).toBeNull();
    await deletePackageMetadata(domain, admin, { name: "Data.Table", key: "owner" });
    expect(await listPackageMetadata(domain, admin, { name: "data-table" })).toEqual([]);
    expect(await failureOf(deletePackageMetadata(domain, admin, { name: "data-table", key: "owner" }))).toMatchObject({ code: "NOT_FOUND", field: "key" });
    // Clearing a key that is not set is a no-op, not an error (and not audited).
    expect(await setPackageMetadata(domain, admin, { name: "data-table", key: "owner", value: "" })).toBeNull();
    const deleted = await auditOf("metadata.delete");
    expect(deleted.map((e) => e.detail)).toEqual([
      { name: "data-table", key: "advisory", before: "GHSA-xxxx: upgrade to 1.1" },
      { name: "data-table", key: "owner", before: "data-eng" },
    ]);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import {
  ANONYMOUS_ACTOR,
  type Domain,
  LOCAL_ACTOR,
  createBlocklistRule,
  createRepo,
  createSource,
  deleteBlocklistRule,
  setPackageAccess,
  subscribe,
} from "../src/index.js";
import { testDatabases } from "./databases.js";
import { publishWheel } from "./identity-helpers.js";

describe.each(testDatabases)("the catalog applies the blocklist on $name", (database) => {
  let domain: Domain;
  afterEach(async () => {
    await domain?.close();
  });

  async function setUp(): Promise<void> {
    domain = await database.open();
    await createSource(domain, LOCAL_ACTOR, { name: "internal", kind: "python" });
    await createRepo(domain, LOCAL_ACTOR, { name: "pypi", type: "python", authenticated: false });
    await createRepo(domain, LOCAL_ACTOR, { name: "other", type: "python", authenticated: false });
    await subscribe(domain, LOCAL_ACTOR, { repo: "pypi", source: "internal" });
    await subscribe(domain, LOCAL_ACTOR, { repo: "other", source: "internal" });
    for (const version of ["1.0", "1.5", "2.0"]) await publishWheel(domain, LOCAL_ACTOR, "internal", "Left_Pad", version);
    await publishWheel(domain, LOCAL_ACTOR, "internal", "hidden-pkg", "1.0");
    await setPackageAccess(domain, LOCAL_ACTOR, { source: "internal", name: "hidden-pkg", private: true });
  }

  const today = () => new Date(`${new Date().toISOString().slice(0, 10)}T23:59:59.999Z`);
  const versionsSeen = async (repo: string, at: Date | null = null) =>
    (await (await domain.catalog.reader(ANONYMOUS_ACTOR, repo)).files(at, { project: "left-pad" })).map((f) => f.version).sort();

  it("hides blocked versions from every listing and date, refuses them by reason, and shows them again once the rule is deleted", async () => {
    await setUp();
    const rule = await createBlocklistRule(domain, LOCAL_ACTOR, { name: "left.pad", versions: "<2.0", reason: "CVE-2026-1234: do not use" });
    expect(await versionsSeen("pypi")).toEqual(["2.0"]);
    expect(await versionsSeen("pypi", today())).toEqual(["2.0"]);
    const reader = await domain.catalog.reader(ANONYMOUS_ACTOR, "pypi");
    const lookup = await reader.find(null, { filename: "Left_Pad-1.0-py3-none-any.whl" });
    expect(lookup).toMatchObject({ kind: "blocked", reason: "CVE-2026-1234: do not use", ruleId: rule.id });
    expect((await reader.find(null, { filename: "Left_Pad-2.0-py3-none-any.whl" })).kind).toBe("file");
    expect((await domain.catalog.listPackages(ANONYMOUS_ACTOR, "pypi")).find((p) => p.project === "left-pad")?.versions).toEqual(["2.0"]);

    await deleteBlocklistRule(domain, LOCAL_ACTOR, rule.id);
    expect(await versionsSeen("pypi")).toEqual(["1.0", "1.5", "2.0"]);
  });

  it("limits a repo's rule to that repo", async () => {
    await setUp();
    await createBlocklistRule(domain, LOCAL_ACTOR, { name: "left-pad", versions: "==1.5", repo: "pypi", reason: "broken build" });
    expect(await versionsSeen("pypi")).toEqual(["1.0", "2.0"]);
    expect(await versionsSeen("other")).toEqual(["1.0", "1.5", "2.0"]);
  });

  it("never reveals a private package through a block: it stays absent for those who may not see it", async () => {
    await setUp();
    await createBlocklistRule(domain, LOCAL_ACTOR, { name: "hidden-pkg", reason: "withdrawn" });
    const anonymous = await domain.catalog.reader(ANONYMOUS_ACTOR, "pypi");
    expect((await anonymous.find(null, { filename: "hidden_pkg-1.0-py3-none-any.whl" })).kind).toBe("absent");
    const admin = await domain.catalog.reader(LOCAL_ACTOR, "pypi");
    expect(await admin.find(null, { filename: "hidden_pkg-1.0-py3-none-any.whl" })).toMatchObject({ kind: "blocked", reason: "withdrawn" });
  });
});

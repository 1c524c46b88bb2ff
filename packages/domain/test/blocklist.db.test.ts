import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ANONYMOUS_ACTOR,
  BlocklistMatcher,
  type Change,
  type Domain,
  LOCAL_ACTOR,
  createBlocklistRule,
  createRepo,
  deleteBlocklistRule,
  listBlocklistRules,
  loadActiveBlockRules,
} from "../src/index.js";
import { testDatabases } from "./databases.js";
import { failureOf, tokenActor } from "./scoped-actors.js";

describe.each(testDatabases)("blocklist rules on $name", (database) => {
  let domain: Domain;
  const repoIds: Record<string, string> = {};
  const published: Change[] = [];
  const admin = tokenActor("bea", ["blocklist:admin"]);
  const reader = tokenActor("rita", ["blocklist:read"]);
  const repoReader = tokenActor("rory", ["repos:read"], ["pypi"]);

  beforeAll(async () => {
    domain = await database.open();
    for (const [name, type] of [["pypi", "python"], ["cran", "r"], ["bioc", "bioconductor"], ["forge", "conda"], ["pypi2", "python"]] as const) {
      repoIds[name] = (await createRepo(domain, LOCAL_ACTOR, { name, type, authenticated: false })).id;
    }
    domain.bus.subscribe((change) => published.push(change));
  });
  afterAll(async () => {
    await domain?.close();
  });

  const auditOf = (action: string) => domain.db.selectFrom("audit_events").selectAll().where("action", "=", action).orderBy("id").execute();

  it("lets blocklist:admin create and delete rules, blocklist:read only list them, and refuses the others", async () => {
    const rule = await createBlocklistRule(domain, admin, { name: "requests", versions: "<2.32", repo: "pypi", reason: " CVE-2024-35195 " }, { address: "10.0.0.7" });
    expect(rule).toMatchObject({ id: expect.stringMatching(/^blk_/), name: "requests", versions: "<2.32", repo: "pypi", reason: "CVE-2024-35195", createdBy: "bea (gth-test…bea)" });
    expect(await listBlocklistRules(domain, reader)).toEqual([rule]);
    expect(await failureOf(createBlocklistRule(domain, reader, { name: "x", reason: "r" }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await failureOf(deleteBlocklistRule(domain, reader, rule.id))).toMatchObject({ code: "FORBIDDEN" });
    expect(await failureOf(listBlocklistRules(domain, repoReader))).toMatchObject({ code: "FORBIDDEN" });
    expect(await failureOf(listBlocklistRules(domain, ANONYMOUS_ACTOR))).toMatchObject({ code: "UNAUTHENTICATED" });
    expect(await failureOf(createBlocklistRule(domain, ANONYMOUS_ACTOR, { name: "x", reason: "r" }))).toMatchObject({ code: "UNAUTHENTICATED" });
    // api:read (Anaconda style) reads rules too.
    expect(await listBlocklistRules(domain, tokenActor("ann", ["api:read"]))).toHaveLength(1);

    expect(await deleteBlocklistRule(domain, admin, rule.id)).toEqual(rule);
    expect(await listBlocklistRules(domain, reader)).toEqual([]);
    expect(await failureOf(deleteBlocklistRule(domain, admin, rule.id))).toMatchObject({ code: "NOT_FOUND", field: "id" });
    // Deleting keeps the row, marked removed, for history.
    const row = await domain.db.selectFrom("blocklist_rules").selectAll().where("id", "=", rule.id).executeTakeFirstOrThrow();
    expect(row.removed_at).toBeInstanceOf(Date);
  });

  it("audits every change and tells caches through the change bus and the changes table", async () => {
    const [created] = await auditOf("blocklist.create");
    const [deleted] = await auditOf("blocklist.delete");
    expect(created).toMatchObject({ actor: "bea (gth-test…bea)", outcome: "ok", address: "10.0.0.7", detail: { name: "requests", versions: "<2.32", repo: "pypi", reason: "CVE-2024-35195" } });
    expect(created?.target).toMatch(/^blocklist:blk_/);
    expect(deleted).toMatchObject({ actor: "bea (gth-test…bea)", target: created?.target, detail: { name: "requests", versions: "<2.32", repo: "pypi" } });
    expect(published.filter((c) => c.kind === "blocklist")).toHaveLength(2);
    const recorded = await domain.db.selectFrom("changes").select("kind").where("kind", "=", "blocklist").execute();
    expect(recorded).toHaveLength(2);
  });

  it.each([
    [{ name: "x", reason: "" }, "INVALID_INPUT", "reason"],
    [{ name: "x", reason: "   " }, "INVALID_INPUT", "reason"],
    [{ name: "x", reason: "r".repeat(501) }, "INVALID_INPUT", "reason"],
    [{ name: "", reason: "r" }, "INVALID_INPUT", "name"],
    [{ name: "bad name", reason: "r" }, "INVALID_INPUT", "name"],
    [{ name: "-leading-dash", reason: "r" }, "INVALID_INPUT", "name"],
    [{ name: "x", reason: "r", repo: "nope" }, "NOT_FOUND", "repo"],
    [{ name: "x", reason: "r", repo: "pypi", versions: "(>= 1.2)" }, "INVALID_INPUT", "versions"],
    [{ name: "x", reason: "r", repo: "cran", versions: "==1.4.*" }, "INVALID_INPUT", "versions"],
    [{ name: "x", reason: "r", repo: "forge", versions: ">=1.2,," }, "INVALID_INPUT", "versions"],
    [{ name: "x", reason: "r", versions: "" }, "INVALID_INPUT", "versions"],
  ])("refuses %j with %s naming %s", async (input, code, field) => {
    expect(await failureOf(createBlocklistRule(domain, admin, input))).toMatchObject({ code, field });
  });

  it("checks a rule without a repo in every ecosystem's syntax and says to pass --repo otherwise", async () => {
    const failure = await failureOf(createBlocklistRule(domain, admin, { name: "x", versions: "==1.4.*", reason: "r" }));
    expect(failure).toMatchObject({ code: "INVALID_INPUT", field: "versions" });
    expect(failure.message).toContain("R version requirement");
    expect(failure.message).toContain("name a repo (--repo)");
    expect((await failureOf(createBlocklistRule(domain, admin, { name: "x", versions: " ", reason: "r" }))).message).toContain("leave it out to block every version");
    const everywhere = await createBlocklistRule(domain, admin, { name: "x", versions: ">=1.2, <2.0", reason: "r" });
    expect(everywhere).toMatchObject({ versions: ">=1.2, <2.0", repo: null });
    await deleteBlocklistRule(domain, admin, everywhere.id);
  });

  it("feeds the read path's matcher: per ecosystem names, ranges in each syntax, repo limits, oldest rule first", async () => {
    const made = [
      await createBlocklistRule(domain, LOCAL_ACTOR, { name: "Data.Table", reason: "everywhere, every version" }),
      await createBlocklistRule(domain, LOCAL_ACTOR, { name: "Requests", versions: "<2.32,!=2.0.*", repo: "pypi", reason: "CVE" }),
      await createBlocklistRule(domain, LOCAL_ACTOR, { name: "BiocGenerics", versions: "(>= 0.40, < 0.44)", repo: "bioc", reason: "broken" }),
      await createBlocklistRule(domain, LOCAL_ACTOR, { name: "NumPy", versions: "1.2.*|>=3", repo: "forge", reason: "abi" }),
      await createBlocklistRule(domain, LOCAL_ACTOR, { name: "requests", reason: "second rule, same package" }),
    ];
    const rules = await loadActiveBlockRules(domain.db);
    expect(rules.map((r) => r.id)).toEqual(made.map((r) => r.id));
    expect(rules[1]).toEqual({ id: made[1]?.id, package: "Requests", versions: "<2.32,!=2.0.*", repoId: repoIds.pypi, repo: "pypi", reason: "CVE" });
    const matcher = new BlocklistMatcher(rules);
    const id = (repo: string) => repoIds[repo] ?? "";
    const hit = (repo: string, eco: "python" | "r" | "conda", project: string, version: string) => matcher.match(id(repo), eco, project, version)?.reason;

    expect(matcher.isEmpty).toBe(false);
    expect(hit("pypi", "python", "data-table", "1.0")).toBe("everywhere, every version");
    expect(hit("cran", "r", "Data.Table", "1.14.8")).toBe("everywhere, every version");
    expect(hit("cran", "r", "data.table", "1.14.8")).toBeUndefined();
    expect(hit("forge", "conda", "data.table", "1.14.8")).toBe("everywhere, every version");
    // The oldest matching rule answers; the repo-less one catches what the range lets through.
    expect(hit("pypi", "python", "requests", "2.31.0")).toBe("CVE");
    expect(hit("pypi", "python", "requests", "2.32.0")).toBe("second rule, same package");
    expect(hit("pypi2", "python", "requests", "2.31.0")).toBe("second rule, same package");
    expect(hit("bioc", "r", "BiocGenerics", "0.42.1")).toBe("broken");
    expect(hit("bioc", "r", "BiocGenerics", "0.44.0")).toBeUndefined();
    expect(hit("cran", "r", "BiocGenerics", "0.42.1")).toBeUndefined();
    expect(hit("forge", "conda", "numpy", "1.2.5")).toBe("abi");
    expect(hit("forge", "conda", "numpy", "3.1")).toBe("abi");
    expect(hit("forge", "conda", "numpy", "2.0")).toBeUndefined();
    expect(hit("pypi", "python", "numpy", "1.2.5")).toBeUndefined();

    for (const rule of made) await deleteBlocklistRule(domain, LOCAL_ACTOR, rule.id);
    expect(new BlocklistMatcher(await loadActiveBlockRules(domain.db)).isEmpty).toBe(true);
  });
});

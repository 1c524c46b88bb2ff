import { afterEach, describe, expect, it } from "vitest";
import {
  type Change,
  type Domain,
  LOCAL_ACTOR,
  TokenVerifier,
  copyLabel,
  createRepo,
  createSource,
  createToken,
  deleteRepo,
  deleteSource,
  getRepo,
  listAuditEvents,
  listFileLabels,
  listSourceLabels,
  packageDetail,
  removeFiles,
  setPackageAccess,
  subscribe,
  unsubscribe,
  whoAmI,
  yankFile,
} from "../src/index.js";
import { testDatabases } from "./databases.js";
import { actorWith, publishWheel } from "./identity-helpers.js";
import { type SeedFile, seedFiles } from "./support/index.js";

function condaRow(sourceId: string, name: string, version: string): SeedFile {
  return {
    id: `file_${name}_${version}`,
    source_id: sourceId,
    filename: `${name}-${version}-0.tar.bz2`,
    project: name,
    name,
    version,
    kind: "conda",
    sha256: "a".repeat(64),
    md5: "b".repeat(32),
    size: 100,
    subdir: "noarch",
    bioc_version: null,
    metadata: JSON.stringify({ depends: [] }),
    uploaded_by: "local",
    published_at: new Date("2026-03-01T00:00:00Z"),
    removed_at: null,
    yanked_reason: null,
  };
}

describe.each(testDatabases)("repo lifecycle, yanks, labels, info and audit on $name", (database) => {
  let domain: Domain;
  let verifier: TokenVerifier | undefined;
  afterEach(async () => {
    await verifier?.close();
    verifier = undefined;
    await domain?.close();
  });

  async function pythonRepo(): Promise<void> {
    domain = await database.open();
    await createSource(domain, LOCAL_ACTOR, { name: "internal", kind: "python" });
    await createSource(domain, LOCAL_ACTOR, { name: "empty", kind: "python" });
    await createRepo(domain, LOCAL_ACTOR, { name: "pypi", type: "python" });
    await subscribe(domain, LOCAL_ACTOR, { repo: "pypi", source: "internal" });
    await subscribe(domain, LOCAL_ACTOR, { repo: "pypi", source: "empty" });
  }

  it("unsubscribes, refuses to delete a served or once-used source, deletes an empty one and a repo", async () => {
    await pythonRepo();
    await publishWheel(domain, LOCAL_ACTOR, "internal", "app", "1.0");
    const changes: Change[] = [];
    domain.bus.subscribe((c) => changes.push(c));
    await expect(deleteSource(domain, LOCAL_ACTOR, { name: "empty" })).rejects.toMatchObject({ code: "CONFLICT", field: "name", message: expect.stringContaining("served by repo pypi: unsubscribe it first (gatehouse unsubscribe --repo pypi --source empty)") });
    expect((await unsubscribe(domain, LOCAL_ACTOR, { repo: "pypi", source: "empty" })).sources).toEqual(["internal"]);
    await expect(unsubscribe(domain, LOCAL_ACTOR, { repo: "pypi", source: "empty" })).rejects.toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining("(it serves: internal)") });
    expect(await deleteSource(domain, LOCAL_ACTOR, { name: "empty" })).toMatchObject({ name: "empty", kind: "python" });
    await expect(deleteSource(domain, LOCAL_ACTOR, { name: "empty" })).rejects.toMatchObject({ code: "NOT_FOUND" });

    await removeFiles(domain, LOCAL_ACTOR, { source: "internal", name: "app" });
    await unsubscribe(domain, LOCAL_ACTOR, { repo: "pypi", source: "internal" });
    // Its removed file still reserves the filename: the source stays.
    await expect(deleteSource(domain, LOCAL_ACTOR, { name: "internal" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("has held 1 file (0 still published)") });

    await createToken(domain, LOCAL_ACTOR, { scopes: ["repos:read"], repos: ["pypi"], description: "reader", user: "rita" });
    const gone = await deleteRepo(domain, LOCAL_ACTOR, { name: "pypi" });
    expect(gone).toMatchObject({ name: "pypi", sources: [], grants: 0, blocklistRules: 0, tokensNamingIt: [expect.stringMatching(/^gth-/)] });
    await expect(getRepo(domain, LOCAL_ACTOR, "pypi")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(changes.map((c) => c.kind)).toEqual(["repo", "source", "package", "repo", "repo", "access", "blocklist"]);
    const audit = (await listAuditEvents(domain, LOCAL_ACTOR, { action: "repo.delete" }))[0];
    expect(audit).toMatchObject({ actor: "local", target: "repo:pypi", detail: { tokensNamingIt: 1 } });
    expect(JSON.stringify(audit)).not.toMatch(/gth-[A-Za-z0-9]{46}/);
  });

  it("hints the closest repo and source names, only among those the caller may know of", async () => {
    await pythonRepo();
    await createRepo(domain, LOCAL_ACTOR, { name: "secret-team", type: "python", authenticated: true });
    await expect(subscribe(domain, LOCAL_ACTOR, { repo: "pypy", source: "internal" })).rejects.toMatchObject({ field: "repo", message: expect.stringContaining("no repo named 'pypy' (did you mean 'pypi'?)") });
    await expect(subscribe(domain, LOCAL_ACTOR, { repo: "pypi", source: "interal" })).rejects.toMatchObject({ field: "source", message: expect.stringContaining("(did you mean 'internal'?)") });
    verifier = new TokenVerifier(domain);
    const created = await createToken(domain, LOCAL_ACTOR, { scopes: ["repos:read"], repos: ["pypi"], description: "reader", user: "rita" });
    const verified = await verifier.verify(created.token);
    if (!verified.ok) throw new Error("token should verify");
    const reader = verified.actor;
    const hidden = await getRepo(domain, reader, "secret-tean").catch((e: Error) => e.message);
    expect(hidden).toContain("no repo named 'secret-tean'");
    expect(hidden).not.toContain("did you mean");
  });

  it("yanks and un-yanks a python file for writers only, publishing a package change", async () => {
    await pythonRepo();
    await publishWheel(domain, LOCAL_ACTOR, "internal", "app", "1.0");
    const changes: Change[] = [];
    domain.bus.subscribe((c) => changes.push(c));
    const filename = "app-1.0-py3-none-any.whl";
    expect(await yankFile(domain, LOCAL_ACTOR, { source: "internal", filename, reason: "broken on 3.13" })).toMatchObject({ yanked: true, yankedReason: "broken on 3.13" });
    expect(changes).toEqual([{ kind: "package", sourceId: expect.stringMatching(/^src_/), project: "app" }]);
    const reader = await domain.catalog.reader(LOCAL_ACTOR, "pypi");
    expect((await reader.files(null, { project: "app" }))[0]?.yanked_reason).toBe("broken on 3.13");
    expect(await yankFile(domain, LOCAL_ACTOR, { source: "internal", filename, undo: true })).toMatchObject({ yanked: false, yankedReason: null });
    expect(await yankFile(domain, LOCAL_ACTOR, { source: "internal", filename })).toMatchObject({ yanked: true, yankedReason: "" });
    expect((await listAuditEvents(domain, LOCAL_ACTOR, { action: "file." })).map((e) => e.action)).toEqual(["file.yank", "file.unyank", "file.yank", "file.publish"]);

    verifier = new TokenVerifier(domain);
    const reader2 = await actorWith(domain, verifier, "rita", ["pypi:download"]);
    await expect(yankFile(domain, reader2, { source: "internal", filename })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(yankFile(domain, LOCAL_ACTOR, { source: "internal", filename: "nope.whl" })).rejects.toMatchObject({ code: "NOT_FOUND", field: "file" });
    await createSource(domain, LOCAL_ACTOR, { name: "cran-src", kind: "r" });
    await expect(yankFile(domain, LOCAL_ACTOR, { source: "cran-src", filename: "x_1.0.tar.gz" })).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("PEP 592") });
  });

  it("describes a package's versions and files as the caller sees it; a private one is 404 to others", async () => {
    await pythonRepo();
    verifier = new TokenVerifier(domain);
    const owner = await actorWith(domain, verifier, "olga", ["sources:write"], { sources: ["internal"] });
    await publishWheel(domain, owner, "internal", "Secret_Sauce", "1.0");
    await publishWheel(domain, owner, "internal", "Secret_Sauce", "1.1");
    await setPackageAccess(domain, owner, { source: "internal", name: "secret-sauce", private: true });
    const detail = await packageDetail(domain, LOCAL_ACTOR, { repo: "pypi", name: "secret.sauce" });
    expect(detail).toMatchObject({ project: "secret-sauce", name: "Secret_Sauce", private: true, owner: "olga", repo: { name: "pypi", authenticated: false } });
    expect(detail.versions.map((v) => v.version)).toEqual(["1.0", "1.1"]);
    expect(detail.versions[0]?.files[0]).toMatchObject({ filename: "Secret_Sauce-1.0-py3-none-any.whl", source: "internal", kind: "wheel", sha256: expect.stringMatching(/^[0-9a-f]{64}$/), yanked: false });
    expect(detail.versions[0]?.files[0]?.size).toBeGreaterThan(0);
    const stranger = await actorWith(domain, verifier, "sam", ["pypi:download"]);
    const refused = await packageDetail(domain, stranger, { repo: "pypi", name: "secret-sauce" }).catch((e: Error & { code?: string }) => e);
    expect(refused).toMatchObject({ code: "NOT_FOUND", message: "no package 'secret-sauce' in repo 'pypi'" });
    await publishWheel(domain, LOCAL_ACTOR, "internal", "requests", "2.0");
    await expect(packageDetail(domain, LOCAL_ACTOR, { repo: "pypy", name: "requests" })).rejects.toMatchObject({ code: "NOT_FOUND", field: "repo", message: expect.stringContaining("(did you mean 'pypi'?)") });
    await expect(packageDetail(domain, stranger, { repo: "pypi", name: "reqests" })).rejects.toMatchObject({ message: expect.stringContaining("(did you mean 'requests'?)") });
  });

  it("lists a conda file's labels and a source's, and copies a label across the source", async () => {
    domain = await database.open();
    const source = await createSource(domain, LOCAL_ACTOR, { name: "conda-src", kind: "conda" });
    await seedFiles(domain, [condaRow(source.id, "app", "1.0"), condaRow(source.id, "lib", "1.0")], { labels: ["dev"] });
    await seedFiles(domain, [condaRow(source.id, "tool", "1.0")], { labels: ["main"] });
    expect(await listFileLabels(domain, LOCAL_ACTOR, { source: "conda-src", filename: "app-1.0-0.tar.bz2" })).toEqual([{ label: "dev", addedAt: "2026-03-01T00:00:00.000Z" }]);
    const copy = await copyLabel(domain, LOCAL_ACTOR, { source: "conda-src", from: "dev", to: "main" });
    expect(copy).toEqual({ source: "conda-src", from: "dev", to: "main", copied: ["app-1.0-0.tar.bz2", "lib-1.0-0.tar.bz2"], alreadyThere: 0 });
    expect((await copyLabel(domain, LOCAL_ACTOR, { source: "conda-src", from: "dev", to: "main" })).alreadyThere).toBe(2);
    expect(await listSourceLabels(domain, LOCAL_ACTOR, "conda-src")).toEqual([{ label: "dev", files: 2 }, { label: "main", files: 3 }]);
    await expect(copyLabel(domain, LOCAL_ACTOR, { source: "conda-src", from: "rc", to: "main" })).rejects.toMatchObject({ code: "NOT_FOUND", field: "from" });
    await expect(copyLabel(domain, LOCAL_ACTOR, { source: "conda-src", from: "dev", to: "Bad Label" })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "to" });
  });

  it("filters the audit log by action prefix, actor and time, and tells a token about itself", async () => {
    let clock = new Date("2026-03-01T10:00:00Z");
    domain = await database.open({ now: () => clock });
    verifier = new TokenVerifier(domain);
    const rita = await actorWith(domain, verifier, "rita", ["global:admin"]);
    await createSource(domain, LOCAL_ACTOR, { name: "one", kind: "python" });
    await createRepo(domain, rita, { name: "two", type: "python" });
    expect((await listAuditEvents(domain, LOCAL_ACTOR, { action: "repo" })).map((e) => e.action)).toEqual(["repo.create"]);
    expect((await listAuditEvents(domain, LOCAL_ACTOR, { actor: "rita" })).map((e) => e.action)).toEqual(["repo.create"]);
    expect((await listAuditEvents(domain, LOCAL_ACTOR, { actor: "local", action: "source" })).map((e) => e.target)).toEqual(["source:one"]);
    expect(await listAuditEvents(domain, LOCAL_ACTOR, { action: "repo_" })).toEqual([]);
    expect(await listAuditEvents(domain, LOCAL_ACTOR, { since: new Date(Date.now() + 60_000) })).toEqual([]);
    expect((await listAuditEvents(domain, LOCAL_ACTOR, { since: new Date(Date.now() - 60_000) })).length).toBeGreaterThan(2);

    const soon = await createToken(domain, LOCAL_ACTOR, { scopes: ["repos:read"], repos: ["two"], expires: "3d", description: "short", user: "sam" });
    const verified = await verifier.verify(soon.token);
    if (!verified.ok) throw new Error("token should verify");
    const me = await whoAmI(domain, verified.actor);
    expect(me).toMatchObject({ authenticated: true, kind: "token", user: "sam", token: { display: soon.info.display, scopes: ["repos:read"], repos: ["two"], expiresSoon: true, status: "active" } });
    clock = new Date("2026-02-01T10:00:00Z");
    expect((await whoAmI(domain, verified.actor)).token?.expiresSoon).toBe(false);
    expect(await whoAmI(domain, LOCAL_ACTOR)).toEqual({ authenticated: true, kind: "local", user: null, token: null });
  });
});

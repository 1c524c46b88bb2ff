import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import {
  type Actor,
  type Change,
  type Domain,
  DomainError,
  LOCAL_ACTOR,
  ANONYMOUS_ACTOR,
  TokenVerifier,
  createRepo,
  createSource,
  createToken,
  editFileLabels,
  listAuditEvents,
  listSourceFiles,
  moveFileLabel,
  parseSnapshot,
  publishFile,
  removeFiles,
  setFileLabels,
  subscribe,
} from "../src/index.js";
import { testDatabases } from "./databases.js";

// Real .tar.bz2 conda packages, written with python3's tarfile (the inspector reads them for real).
const TAR_SCRIPT = `
import io, json, sys, tarfile
spec = json.loads(sys.stdin.read())
with tarfile.open(spec["out"], "w:bz2") as tar:
    for name, text in spec["members"]:
        data = text.encode()
        info = tarfile.TarInfo(name)
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
`;
const workDir = mkdtempSync(join(tmpdir(), "gh-conda-labels-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function buildPackage(name: string, version: string, depends: string[] = []): { filename: string; bytes: Buffer } {
  const filename = `${name}-${version}-0.tar.bz2`;
  const index = { name, version, build: "0", build_number: 0, subdir: "noarch", depends, license: "MIT", timestamp: 1_700_000_000_000 };
  const out = join(workDir, filename);
  const members = [
    ["info/index.json", JSON.stringify(index)],
    ["info/about.json", JSON.stringify({ summary: `${name} for tests` })],
    [`lib/${name}.txt`, `${name} ${version}\n`],
  ];
  const run = spawnSync("python3", ["-c", TAR_SCRIPT], { input: JSON.stringify({ out, members }), encoding: "utf8" });
  if (run.status !== 0) throw new Error(`python3 could not write ${filename}: ${run.stderr}`);
  return { filename, bytes: readFileSync(out) };
}

const APP = buildPackage("app", "1.0", ["lib >=1"]);
const LIB = buildPackage("lib", "1.0");

describe.each(testDatabases)("conda labels on $name", (database) => {
  let domain: Domain;
  let verifier: TokenVerifier | undefined;
  let clock = new Date("2026-03-01T10:00:00Z");
  afterEach(async () => {
    await verifier?.close();
    verifier = undefined;
    await domain?.close();
  });

  async function openChannel(): Promise<void> {
    clock = new Date("2026-03-01T10:00:00Z");
    domain = await database.open({ now: () => clock });
    await createSource(domain, LOCAL_ACTOR, { name: "conda-src", kind: "conda" });
    await createRepo(domain, LOCAL_ACTOR, { name: "channel", type: "conda" });
    await subscribe(domain, LOCAL_ACTOR, { repo: "channel", source: "conda-src" });
    await publishFile(domain, LOCAL_ACTOR, { source: "conda-src", filename: APP.filename, body: Readable.from([APP.bytes]) });
    await publishFile(domain, LOCAL_ACTOR, { source: "conda-src", filename: LIB.filename, body: Readable.from([LIB.bytes]), labels: ["dev"] });
  }

  async function visible(label: string, snapshot = "latest"): Promise<string[]> {
    const reader = await domain.catalog.reader(LOCAL_ACTOR, "channel");
    return (await reader.files(parseSnapshot(snapshot), { label })).map((r) => r.filename).sort();
  }

  async function tokenActor(scopes: string[], sources: string[]): Promise<Actor> {
    const created = await createToken(domain, LOCAL_ACTOR, { scopes, sources, description: "labels test", user: "carol" });
    verifier ??= new TokenVerifier(domain);
    const r = await verifier.verify(created.token);
    if (!r.ok) throw new Error(r.reason);
    return r.actor;
  }

  it("moves a file between labels; dated snapshots keep showing the labels of their day", async () => {
    await openChannel();
    expect(await visible("main")).toEqual([APP.filename]);
    expect(await visible("dev")).toEqual([LIB.filename]);

    const changes: Change[] = [];
    domain.bus.subscribe((c) => changes.push(c));
    clock = new Date("2026-03-03T09:00:00Z");
    const moved = await moveFileLabel(domain, LOCAL_ACTOR, { source: "conda-src", filename: LIB.filename, from: "dev", to: "main" });
    expect(moved).toMatchObject({ added: ["main"], removed: ["dev"], file: { filename: LIB.filename, labels: ["main"] } });
    expect(changes).toEqual([{ kind: "package", sourceId: expect.any(String), project: "lib" }]);

    expect(await visible("main")).toEqual([APP.filename, LIB.filename]);
    expect(await visible("dev")).toEqual([]);
    expect(await visible("main", "2026-03-02")).toEqual([APP.filename]);
    expect(await visible("dev", "2026-03-02")).toEqual([LIB.filename]);
    expect(await visible("main", "2026-02-28")).toEqual([]);

    const audit = await listAuditEvents(domain, LOCAL_ACTOR, { action: "file.labels" });
    expect(audit[0]).toMatchObject({ actor: "local", target: `source:conda-src/${LIB.filename}`, detail: { added: ["main"], removed: ["dev"], labels: ["main"] } });
  });

  it("adds, re-adds after removal, and sets exact labels, keeping every interval in history", async () => {
    await openChannel();
    clock = new Date("2026-03-02T08:00:00Z");
    await editFileLabels(domain, LOCAL_ACTOR, { source: "conda-src", filename: APP.filename, add: ["dev", "rc"] });
    clock = new Date("2026-03-03T08:00:00Z");
    await editFileLabels(domain, LOCAL_ACTOR, { source: "conda-src", filename: APP.filename, remove: ["dev"] });
    clock = new Date("2026-03-04T08:00:00Z");
    const set = await setFileLabels(domain, LOCAL_ACTOR, { source: "conda-src", filename: APP.filename, labels: ["dev"] });
    expect(set).toMatchObject({ added: ["dev"], removed: ["main", "rc"], file: { labels: ["dev"] } });

    expect(await visible("dev", "2026-03-01")).toEqual([LIB.filename]);
    expect(await visible("dev", "2026-03-02")).toEqual([APP.filename, LIB.filename]);
    expect(await visible("dev", "2026-03-03")).toEqual([LIB.filename]);
    expect(await visible("dev")).toEqual([APP.filename, LIB.filename]);
    expect(await visible("rc", "2026-03-03")).toEqual([APP.filename]);
    expect(await visible("rc")).toEqual([]);
    const listed = await listSourceFiles(domain, LOCAL_ACTOR, { source: "conda-src" });
    expect(listed.map((f) => [f.filename, f.labels])).toEqual([
      [APP.filename, ["dev"]],
      [LIB.filename, ["dev"]],
    ]);
  });

  it("changes nothing (no change, no audit) when the file already has the label", async () => {
    await openChannel();
    const changes: Change[] = [];
    domain.bus.subscribe((c) => changes.push(c));
    const r = await moveFileLabel(domain, LOCAL_ACTOR, { source: "conda-src", filename: APP.filename, to: "main" });
    expect(r).toMatchObject({ added: [], removed: [], file: { labels: ["main"] } });
    expect(changes).toEqual([]);
    expect(await listAuditEvents(domain, LOCAL_ACTOR, { action: "file.labels" })).toEqual([]);
  });

  it("refuses bad edits with a code and field, leaving labels untouched", async () => {
    await openChannel();
    await createSource(domain, LOCAL_ACTOR, { name: "py-src", kind: "python" });
    await removeFiles(domain, LOCAL_ACTOR, { source: "conda-src", name: "lib" });
    const cases: [() => Promise<unknown>, string, string | undefined][] = [
      [() => moveFileLabel(domain, LOCAL_ACTOR, { source: "conda-src", filename: APP.filename, from: "dev", to: "main2" }), "NOT_FOUND", "remove"],
      [() => moveFileLabel(domain, LOCAL_ACTOR, { source: "conda-src", filename: APP.filename, from: "main", to: "Bad Label" }), "INVALID_INPUT", "add"],
      [() => moveFileLabel(domain, LOCAL_ACTOR, { source: "conda-src", filename: APP.filename, from: "main", to: "main" }), "INVALID_INPUT", "to"],
      [() => editFileLabels(domain, LOCAL_ACTOR, { source: "conda-src", filename: APP.filename, remove: ["main"] }), "INVALID_INPUT", "remove"],
      [() => editFileLabels(domain, LOCAL_ACTOR, { source: "conda-src", filename: APP.filename, add: ["x"], remove: ["x"] }), "INVALID_INPUT", "add"],
      [() => editFileLabels(domain, LOCAL_ACTOR, { source: "conda-src", filename: APP.filename }), "INVALID_INPUT", "add"],
      [() => moveFileLabel(domain, LOCAL_ACTOR, { source: "conda-src", filename: "nope-1-0.conda", to: "dev" }), "NOT_FOUND", "file"],
      [() => moveFileLabel(domain, LOCAL_ACTOR, { source: "conda-src", filename: LIB.filename, to: "main" }), "NOT_FOUND", "file"],
      [() => moveFileLabel(domain, LOCAL_ACTOR, { source: "nope", filename: APP.filename, to: "dev" }), "NOT_FOUND", "source"],
      [() => moveFileLabel(domain, LOCAL_ACTOR, { source: "py-src", filename: APP.filename, to: "dev" }), "INVALID_INPUT", "source"],
      [() => moveFileLabel(domain, ANONYMOUS_ACTOR, { source: "conda-src", filename: APP.filename, to: "dev" }), "UNAUTHENTICATED", undefined],
    ];
    for (const [run, code, field] of cases) {
      const err = await run().catch((e: unknown) => e);
      expect(err, `${code} ${field}`).toBeInstanceOf(DomainError);
      expect({ code: (err as DomainError).code, field: (err as DomainError).field }).toEqual({ code, field });
    }
    expect(await visible("main")).toEqual([APP.filename]);
  });

  it("needs source:write on the file's own source", async () => {
    await openChannel();
    await createSource(domain, LOCAL_ACTOR, { name: "other", kind: "conda" });
    const outsider = await tokenActor(["sources:write"], ["other"]);
    const err = await moveFileLabel(domain, outsider, { source: "conda-src", filename: APP.filename, from: "main", to: "dev" }).catch((e: unknown) => e);
    expect((err as DomainError).code).toBe("FORBIDDEN");
    const writer = await tokenActor(["sources:write"], ["conda-src"]);
    const ok = await moveFileLabel(domain, writer, { source: "conda-src", filename: APP.filename, from: "main", to: "dev" });
    expect(ok.file.labels).toEqual(["dev"]);
    expect((await listAuditEvents(domain, LOCAL_ACTOR, { action: "file.labels" }))[0]?.actor).toMatch(/^carol \(gth-/);
  });
});

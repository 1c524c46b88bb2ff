import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import {
  ANONYMOUS_ACTOR,
  type Actor,
  type Domain,
  LOCAL_ACTOR,
  TokenVerifier,
  createRepo,
  createSource,
  createToken,
  listAuditEvents,
  listSourceFiles,
  parseSnapshot,
  publishFile,
  removeFiles,
  subscribe,
} from "../src/index.js";
import { testDatabases } from "./databases.js";

// Real wheels and sdists written by python3's zipfile and tarfile; the python inspector reads them for real.
const BUILD_SCRIPT = `
import io, json, sys, tarfile, zipfile
spec = json.loads(sys.stdin.read())
if spec["out"].endswith(".whl"):
    with zipfile.ZipFile(spec["out"], "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in spec["members"]:
            z.writestr(name, text)
else:
    with tarfile.open(spec["out"], "w:gz") as tar:
        for name, text in spec["members"]:
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
`;
const workDir = mkdtempSync(join(tmpdir(), "gh-publish-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

interface Built {
  filename: string;
  bytes: Buffer;
  metadata: string;
}

function build(kind: "wheel" | "sdist", name: string, version: string, extra = ""): Built {
  const metadata = `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\nRequires-Python: >=3.9\n${extra}\n`;
  const base = `${name.replace(/[-.]/g, "_")}-${version}`;
  const filename = kind === "wheel" ? `${base}-py3-none-any.whl` : `${base}.tar.gz`;
  const members =
    kind === "wheel"
      ? [
          [`${base}.dist-info/METADATA`, metadata],
          [`${base}.dist-info/WHEEL`, "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n"],
          [`${base}.dist-info/RECORD`, ""],
        ]
      : [[`${base}/PKG-INFO`, metadata]];
  const out = join(workDir, filename);
  const run = spawnSync("python3", ["-c", BUILD_SCRIPT], { input: JSON.stringify({ out, members }), encoding: "utf8" });
  if (run.status !== 0) throw new Error(`python3 could not write ${filename}: ${run.stderr}`);
  return { filename, bytes: readFileSync(out), metadata };
}

const DAY1 = new Date("2026-03-01T10:00:00Z");
const DAY2 = new Date("2026-03-02T10:00:00Z");
const DAY3 = new Date("2026-03-03T10:00:00Z");

describe.each(testDatabases)("publishing python files on $name", (database) => {
  let domain: Domain;
  let clock = DAY1;
  let verifier: TokenVerifier | undefined;
  afterEach(async () => {
    await verifier?.close();
    verifier = undefined;
    await domain?.close();
  });

  async function setUp(sources: string[] = ["first"]): Promise<void> {
    clock = DAY1;
    domain = await database.open({ now: () => clock });
    await createRepo(domain, LOCAL_ACTOR, { name: "py", type: "python", authenticated: true });
    for (const s of sources) {
      await createSource(domain, LOCAL_ACTOR, { name: s, kind: "python" });
      await subscribe(domain, LOCAL_ACTOR, { repo: "py", source: s });
    }
  }

  const publish = (source: string, f: Built, digests: { sha256?: string; md5?: string } = {}, actor: Actor = LOCAL_ACTOR) =>
    publishFile(domain, actor, { source, filename: f.filename, body: [f.bytes], ...digests });

  async function visible(at: Date | null, project?: string): Promise<string[]> {
    const reader = await domain.catalog.reader(LOCAL_ACTOR, "py");
    const rows = await reader.files(at, project ? { project } : {});
    return rows.map((r) => r.filename).sort();
  }

  async function tokenActor(scopes: string[], sources: string[]): Promise<Actor> {
    const created = await createToken(domain, LOCAL_ACTOR, { scopes, sources, description: "publisher", user: "pat" });
    verifier ??= new TokenVerifier(domain);
    const r = await verifier.verify(created.token);
    if (!r.ok) throw new Error(`token refused: ${r.reason}`);
    return r.actor;
  }

  it("publishes a wheel with its metadata, PEP 658 companion and an audit entry", async () => {
    await setUp();
    const wheel = build("wheel", "Demo.Pkg", "1.0", "Requires-Dist: six>=1\nSummary: a demo");
    const info = await publish("first", wheel);
    expect(info).toMatchObject({ source: "first", project: "demo-pkg", name: "Demo.Pkg", version: "1.0", kind: "wheel", size: wheel.bytes.length });
    expect(info.metadata).toMatchObject({ requiresPython: ">=3.9", requiresDist: ["six>=1"] });
    const companion = info.metadata.coreMetadataSha256;
    expect(typeof companion).toBe("string");
    expect((await domain.blobs.readBytes(String(companion))).toString("utf8")).toBe(wheel.metadata);
    expect(await visible(null)).toEqual([wheel.filename]);
    const audit = await listAuditEvents(domain, LOCAL_ACTOR);
    expect(audit.map((a) => a.action)).toContain("file.publish");
  });

  it("never reuses a filename in a source, even after removal, and keeps removed files in older snapshots", async () => {
    await setUp();
    const sdist = build("sdist", "foo", "1.0");
    await publish("first", sdist);
    await expect(publish("first", sdist)).rejects.toMatchObject({ code: "ALREADY_EXISTS" });
    clock = DAY2;
    expect(await removeFiles(domain, LOCAL_ACTOR, { source: "first", name: "FOO" })).toEqual({ removed: [sdist.filename] });
    await expect(publish("first", sdist)).rejects.toMatchObject({ code: "ALREADY_EXISTS" });
    expect(await visible(null)).toEqual([]);
    expect(await visible(parseSnapshot("2026-03-01"))).toEqual([sdist.filename]);
    expect(await visible(parseSnapshot("2026-03-02"))).toEqual([]);
    const listed = await listSourceFiles(domain, LOCAL_ACTOR, { source: "first", includeRemoved: true });
    expect(listed[0]?.removedAt).toBe(DAY2.toISOString());
  });

  it("serves each date as it was: files published later are absent from earlier snapshots", async () => {
    await setUp();
    await publish("first", build("sdist", "foo", "1.0"));
    clock = DAY3;
    await publish("first", build("sdist", "foo", "2.0"));
    expect(await visible(parseSnapshot("2026-02-28"))).toEqual([]);
    expect(await visible(parseSnapshot("2026-03-02"))).toEqual(["foo-1.0.tar.gz"]);
    expect(await visible(parseSnapshot("2026-03-03"))).toEqual(["foo-1.0.tar.gz", "foo-2.0.tar.gz"]);
    expect(await visible(null, "foo")).toEqual(["foo-1.0.tar.gz", "foo-2.0.tar.gz"]);
  });

  it("serves a name+version from the first subscribed source only", async () => {
    await setUp(["first", "second"]);
    await publish("second", build("wheel", "foo", "1.0"));
    await publish("second", build("wheel", "foo", "2.0"));
    await publish("first", build("sdist", "foo", "1.0"));
    expect(await visible(null, "foo")).toEqual(["foo-1.0.tar.gz", "foo-2.0-py3-none-any.whl"]);
    clock = DAY2;
    await removeFiles(domain, LOCAL_ACTOR, { source: "first", name: "foo", version: "1.0" });
    // Once the first source drops 1.0, the second source's copy shows through.
    expect(await visible(null, "foo")).toEqual(["foo-1.0-py3-none-any.whl", "foo-2.0-py3-none-any.whl"]);
  });

  it.each([
    ["a sha256 that differs", { sha256: "0".repeat(64) }, "DIGEST_MISMATCH"],
    ["an md5 that differs", { md5: "0".repeat(32) }, "DIGEST_MISMATCH"],
  ])("refuses %s and keeps nothing", async (_label, digests, code) => {
    await setUp();
    await expect(publish("first", build("sdist", "foo", "1.0"), digests)).rejects.toMatchObject({ code });
    expect(await listSourceFiles(domain, LOCAL_ACTOR, { source: "first", includeRemoved: true })).toEqual([]);
  });

  it("refuses broken archives, mismatched metadata and unsafe names, storing neither row nor bytes", async () => {
    await setUp();
    const good = build("wheel", "foo", "1.0");
    const cases: [Built, RegExp][] = [
      [{ ...good, bytes: Buffer.from("garbage") }, /foo-1\.0-py3-none-any\.whl/],
      [{ ...build("wheel", "bar", "1.0"), filename: "foo-1.0-py3-none-any.whl" }, /bar/],
      [{ ...good, filename: "../foo-1.0-py3-none-any.whl" }, /unsafe filename/],
      [{ ...good, filename: "foo-1.0.exe" }, /foo-1\.0\.exe/],
    ];
    for (const [file, message] of cases) {
      await expect(publish("first", file)).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringMatching(message) });
    }
    expect(await listSourceFiles(domain, LOCAL_ACTOR, { source: "first", includeRemoved: true })).toEqual([]);
    for (const [file] of cases) expect(await domain.blobs.stat(createHash("sha256").update(file.bytes).digest("hex"))).toBeNull();
  });

  it("lets only writers of the source publish", async () => {
    await setUp(["first", "second"]);
    const sdist = build("sdist", "foo", "1.0");
    await expect(publish("first", sdist, {}, ANONYMOUS_ACTOR)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    const otherWriter = await tokenActor(["sources:write"], ["second"]);
    await expect(publish("first", sdist, {}, otherWriter)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const writer = await tokenActor(["sources:write"], ["first"]);
    expect((await publish("first", sdist, {}, writer)).filename).toBe(sdist.filename);
  });
});

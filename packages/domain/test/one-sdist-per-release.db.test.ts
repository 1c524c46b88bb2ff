import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { type Domain, LOCAL_ACTOR, createRepo, createSource, listSourceFiles, publishFile, removeFiles, subscribe } from "../src/index.js";
import { testDatabases } from "./databases.js";

// Real sdists (.tar.gz and legacy .zip) and wheels written by python3's tarfile and zipfile.
const BUILD_SCRIPT = `
import io, json, sys, tarfile, zipfile
spec = json.loads(sys.stdin.read())
out, base, text = spec["out"], spec["base"], spec["metadata"]
if out.endswith(".whl"):
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(base + ".dist-info/METADATA", text)
        z.writestr(base + ".dist-info/WHEEL", "Wheel-Version: 1.0\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n")
        z.writestr(base + ".dist-info/RECORD", "")
elif out.endswith(".zip"):
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(base + "/PKG-INFO", text)
else:
    with tarfile.open(out, "w:gz") as tar:
        data = text.encode()
        info = tarfile.TarInfo(base + "/PKG-INFO")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
`;
const workDir = mkdtempSync(join(tmpdir(), "gh-one-sdist-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

interface Built {
  filename: string;
  bytes: Buffer;
}

/** A package file named `<filename stem>` + `suffix`, whose metadata says `name` and `version`. */
function build(stem: string, suffix: ".tar.gz" | ".zip" | "-py3-none-any.whl", name: string, version: string): Built {
  const filename = `${stem}${suffix}`;
  const out = join(workDir, filename);
  const metadata = `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\n`;
  const run = spawnSync("python3", ["-c", BUILD_SCRIPT], { input: JSON.stringify({ out, base: stem, metadata }), encoding: "utf8" });
  if (run.status !== 0) throw new Error(`python3 could not write ${filename}: ${run.stderr}`);
  return { filename, bytes: readFileSync(out) };
}

describe.each(testDatabases)("one sdist per release on $name", (database) => {
  let domain: Domain;
  afterEach(async () => {
    await domain?.close();
  });

  async function setUp(sources: string[] = ["first"]): Promise<void> {
    domain = await database.open();
    await createRepo(domain, LOCAL_ACTOR, { name: "py", type: "python", authenticated: true });
    for (const s of sources) {
      await createSource(domain, LOCAL_ACTOR, { name: s, kind: "python" });
      await subscribe(domain, LOCAL_ACTOR, { repo: "py", source: s });
    }
  }

  const publish = (f: Built, source = "first") => publishFile(domain, LOCAL_ACTOR, { source, filename: f.filename, body: [f.bytes] });
  const filesIn = async (source = "first") =>
    (await listSourceFiles(domain, LOCAL_ACTOR, { source })).map((f) => f.filename).sort();

  it("refuses a legacy .zip sdist after the .tar.gz of the same release with 409 CONFLICT naming the first", async () => {
    await setUp();
    await publish(build("foo_bar-1.0", ".tar.gz", "foo-bar", "1.0"));
    const second = publish(build("foo_bar-1.0", ".zip", "foo-bar", "1.0"));
    await expect(second).rejects.toMatchObject({ code: "CONFLICT", field: "file", message: expect.stringContaining("foo_bar-1.0.tar.gz") });
    expect(await filesIn()).toEqual(["foo_bar-1.0.tar.gz"]);
  });

  it("compares names PEP 503-normalized and versions by PEP 440 equality", async () => {
    await setUp();
    await publish(build("foo_bar-1.0", ".tar.gz", "foo-bar", "1.0"));
    await expect(publish(build("Foo_Bar-1.0.0", ".tar.gz", "Foo.Bar", "1.0.0"))).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await filesIn()).toEqual(["foo_bar-1.0.tar.gz"]);
  });

  it("still takes wheels of the release, sdists of other versions, and the same sdist in another source", async () => {
    await setUp(["first", "second"]);
    await publish(build("foo_bar-1.0", ".tar.gz", "foo-bar", "1.0"));
    await publish(build("foo_bar-1.0", "-py3-none-any.whl", "foo-bar", "1.0"));
    await publish(build("foo_bar-1.1", ".zip", "foo-bar", "1.1"));
    await publish(build("foo_bar-1.0", ".zip", "foo-bar", "1.0"), "second");
    expect(await filesIn()).toEqual(["foo_bar-1.0-py3-none-any.whl", "foo_bar-1.0.tar.gz", "foo_bar-1.1.zip"]);
    expect(await filesIn("second")).toEqual(["foo_bar-1.0.zip"]);
  });

  it("takes a new sdist once the release's sdist was removed (its filename stays reserved)", async () => {
    await setUp();
    const first = build("foo_bar-1.0", ".tar.gz", "foo-bar", "1.0");
    await publish(first);
    await removeFiles(domain, LOCAL_ACTOR, { source: "first", name: "foo-bar", version: "1.0" });
    await expect(publish(first)).rejects.toMatchObject({ code: "ALREADY_EXISTS" });
    await publish(build("foo_bar-1.0", ".zip", "foo-bar", "1.0"));
    expect(await filesIn()).toEqual(["foo_bar-1.0.zip"]);
  });

  it("lets only one of several racing sdists of one release in", async () => {
    await setUp();
    const racers = [
      build("foo_bar-2.0", ".tar.gz", "foo-bar", "2.0"),
      build("foo_bar-2.0", ".zip", "foo-bar", "2.0"),
      build("Foo_Bar-2.0.0", ".tar.gz", "foo-bar", "2.0.0"),
      build("FOO_BAR-2.0", ".tar.gz", "foo-bar", "2.0"),
    ];
    const results = await Promise.allSettled(racers.map((f) => publish(f)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "CONFLICT" });
    expect(await filesIn()).toHaveLength(1);
  });
});

import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Domain,
  LOCAL_ACTOR,
  createRepo,
  createSource,
  listAuditEvents,
  listSourceFiles,
  publishFile,
  removeFiles,
  subscribe,
} from "../src/index.js";
import { testDatabases } from "./databases.js";

/** A gzipped ustar archive of the members (directories end with "/"), names written as given. */
function tarGz(members: readonly { name: string; data?: string }[]): Buffer {
  const blocks: Buffer[] = [];
  for (const m of members) {
    const data = Buffer.from(m.data ?? "", "utf8");
    const h = Buffer.alloc(512);
    h.write(m.name, 0, 100, "utf8");
    h.write("0000644\0", 100);
    h.write("0000000\0", 108);
    h.write("0000000\0", 116);
    h.write(`${data.length.toString(8).padStart(11, "0")}\0`, 124);
    h.write("00000000000\0", 136);
    h.write("        ", 148);
    h.write(m.name.endsWith("/") ? "5" : "0", 156);
    h.write("ustar\0", 257);
    h.write("00", 263);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
    blocks.push(h, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

function rPackage(pkg: string, version: string, options: { folder?: string; extra?: { name: string; data?: string }[]; fields?: string } = {}): Buffer {
  const folder = options.folder ?? pkg;
  const description = `Package: ${pkg}\nVersion: ${version}\nTitle: T\nDescription: D.\nLicense: MIT\n${options.fields ?? ""}`;
  return tarGz([{ name: `${folder}/` }, { name: `${folder}/DESCRIPTION`, data: description }, { name: `${folder}/R/a.R`, data: "f <- 1\n" }, ...(options.extra ?? [])]);
}

describe.each(testDatabases)("R uploads on $name", (database) => {
  let domain: Domain;
  let clock = new Date("2024-03-01T10:00:00Z");
  let n = 0;
  beforeAll(async () => {
    domain = await database.open({ now: () => clock, settings: { biocRelease: "3.16" } });
  }, 60_000);
  afterAll(async () => {
    await domain?.close();
  });

  async function freshSource(kind: "r" | "bioconductor" = "r"): Promise<string> {
    n++;
    await createSource(domain, LOCAL_ACTOR, { name: `src${n}`, kind });
    await createRepo(domain, LOCAL_ACTOR, { name: `repo${n}`, type: kind });
    await subscribe(domain, LOCAL_ACTOR, { repo: `repo${n}`, source: `src${n}` });
    return `src${n}`;
  }

  const publish = (source: string, filename: string, body: Buffer, extra: { biocVersion?: string } = {}) =>
    publishFile(domain, LOCAL_ACTOR, { source, filename, body: [body], ...extra });


  it("records the DESCRIPTION fields and the stored digests", async () => {
    const source = await freshSource();
    const bytes = rPackage("foo", "1.0-2", { fields: "Imports: bar (>= 1.0),\n    baz\nNeedsCompilation: no\n" });
    const info = await publish(source, "foo_1.0-2.tar.gz", bytes);
    expect(info).toMatchObject({ project: "foo", name: "foo", version: "1.0-2", kind: "r-source", biocVersion: null, size: bytes.length });
    expect(info.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(info.md5).toBe(createHash("md5").update(bytes).digest("hex"));
    expect(info.metadata).toEqual({
      fields: { Package: "foo", Version: "1.0-2", Title: "T", Description: "D.", License: "MIT", Imports: "bar (>= 1.0),\nbaz", NeedsCompilation: "no" },
    });
    expect(await domain.blobs.readBytes(info.sha256)).toEqual(bytes);
  });

  it.each([
    ["a folder named differently from the package", "foo_1.0.tar.gz", rPackage("foo", "1.0", { folder: "other" }), /one top-level folder "foo\/"/],
    ["a DESCRIPTION that disagrees with the filename", "foo_1.1.tar.gz", rPackage("foo", "1.0"), /DESCRIPTION says foo 1.0 but the filename says foo 1.1/],
    ["a member climbing out with ..", "foo_1.0.tar.gz", rPackage("foo", "1.0", { extra: [{ name: "foo/../../etc/passwd", data: "x" }] }), /points outside the package/],
    ["an absolute member", "foo_1.0.tar.gz", rPackage("foo", "1.0", { extra: [{ name: "/etc/passwd", data: "x" }] }), /unsafe path/],
    ["a name that is not <pkg>_<ver>.tar.gz", "foo-1.0.tar.gz", rPackage("foo", "1.0"), /not a valid R package filename/],
    ["a wheel in an R source", "foo-1.0-py3-none-any.whl", rPackage("foo", "1.0"), /not an R source package/],
    ["bytes that are not a tarball", "foo_1.0.tar.gz", Buffer.from("not gzip"), /foo_1\.0\.tar\.gz/],
  ])("refuses %s and keeps nothing", async (_why, filename, bytes, message) => {
    const source = await freshSource();
    await expect(publish(source, filename, bytes)).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringMatching(message) });
    expect(await listSourceFiles(domain, LOCAL_ACTOR, { source, includeRemoved: true })).toEqual([]);
    expect(await domain.blobs.stat(createHash("sha256").update(bytes).digest("hex"))).toBeNull();
  });

  it.each(["../foo_1.0.tar.gz", "..", "a/foo_1.0.tar.gz", "a\\foo_1.0.tar.gz", ".foo_1.0.tar.gz", "foo_1.0.tar.gz\0"])("refuses the traversal filename %j", async (filename) => {
    const source = await freshSource();
    await expect(publish(source, filename, rPackage("foo", "1.0"))).rejects.toMatchObject({ code: "INVALID_INPUT", field: "file" });
  });

  it("refuses a reused filename (409), even with the same bytes and after removal", async () => {
    const source = await freshSource();
    const bytes = rPackage("foo", "1.0");
    await publish(source, "foo_1.0.tar.gz", bytes);
    await expect(publish(source, "foo_1.0.tar.gz", bytes)).rejects.toMatchObject({ code: "ALREADY_EXISTS" });
    await expect(publish(source, "foo_1.0.tar.gz", rPackage("foo", "1.0", { fields: "Imports: x\n" }))).rejects.toMatchObject({ code: "ALREADY_EXISTS" });
    await removeFiles(domain, LOCAL_ACTOR, { source, name: "foo" });
    await expect(publish(source, "foo_1.0.tar.gz", bytes)).rejects.toMatchObject({ code: "ALREADY_EXISTS" });
  });

  it("removes one version or all, keeping history for dated snapshots", async () => {
    const source = await freshSource();
    const repo = `repo${n}`;
    clock = new Date("2024-03-01T10:00:00Z");
    await publish(source, "foo_1.0.tar.gz", rPackage("foo", "1.0"));
    clock = new Date("2024-03-05T10:00:00Z");
    await publish(source, "foo_1.1.tar.gz", rPackage("foo", "1.1"));
    await publish(source, "bar_2.0.tar.gz", rPackage("bar", "2.0"));
    clock = new Date("2024-03-09T10:00:00Z");
    expect(await removeFiles(domain, LOCAL_ACTOR, { source, name: "foo", version: "1.1" })).toEqual({ removed: ["foo_1.1.tar.gz"] });
    await expect(removeFiles(domain, LOCAL_ACTOR, { source, name: "foo", version: "1.1" })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const reader = await domain.catalog.reader(LOCAL_ACTOR, repo);
    const at = async (date: string | null) =>
      (await reader.files(date === null ? null : new Date(`${date}T23:59:59.999Z`))).map((f) => f.filename).sort();
    expect(await at("2024-02-29")).toEqual([]);
    expect(await at("2024-03-01")).toEqual(["foo_1.0.tar.gz"]);
    expect(await at("2024-03-08")).toEqual(["bar_2.0.tar.gz", "foo_1.0.tar.gz", "foo_1.1.tar.gz"]);
    expect(await at(null)).toEqual(["bar_2.0.tar.gz", "foo_1.0.tar.gz"]);

    clock = new Date("2024-03-12T10:00:00Z");
    expect((await removeFiles(domain, LOCAL_ACTOR, { source, name: "foo" })).removed).toEqual(["foo_1.0.tar.gz"]);
    expect(await at(null)).toEqual(["bar_2.0.tar.gz"]);
    expect(await at("2024-03-10")).toEqual(["bar_2.0.tar.gz", "foo_1.0.tar.gz"]);
    const all = await listSourceFiles(domain, LOCAL_ACTOR, { source, includeRemoved: true });
    expect(all.find((f) => f.filename === "foo_1.1.tar.gz")?.removedAt).toBe("2024-03-09T10:00:00.000Z");
    const audit = await listAuditEvents(domain, LOCAL_ACTOR);
    expect(audit.filter((e) => e.action === "file.remove" && e.target === `source:${source}/foo`)).toHaveLength(2);
  });

  it("stamps Bioconductor uploads with their release (default: the configured one) and refuses a malformed one", async () => {
    const bioc = await freshSource("bioconductor");
    expect((await publish(bioc, "foo_1.0.tar.gz", rPackage("foo", "1.0"))).biocVersion).toBe("3.16");
    expect((await publish(bioc, "foo_1.1.tar.gz", rPackage("foo", "1.1"), { biocVersion: "3.15" })).biocVersion).toBe("3.15");
    await expect(publish(bioc, "foo_1.2.tar.gz", rPackage("foo", "1.2"), { biocVersion: "devel" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      field: "bioc-version",
    });
    const cran = await freshSource("r");
    expect((await publish(cran, "foo_1.0.tar.gz", rPackage("foo", "1.0"), { biocVersion: "3.15" })).biocVersion).toBeNull();
  });
});

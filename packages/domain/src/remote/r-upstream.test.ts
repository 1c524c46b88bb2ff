import { describe, expect, it } from "vitest";
import { archiveUrlOf, parsePackagesIndex } from "./r-upstream.js";

const MD5 = "0123456789abcdef0123456789abcdef";
const SHA = "a".repeat(64);
const CONTRIB = "https://cran.example/src/contrib/";
const PLAIN = { biocVersion: null, subdir: null };

describe("parsePackagesIndex", () => {
  it("turns each verifiable record into a file at its src/contrib URL, keeping index fields but not the upstream's digests", () => {
    const text = `Package: ghbase\nVersion: 1.0\nImports: utils\nMD5sum: ${MD5.toUpperCase()}\nNeedsCompilation: no\n\nPackage: ghsha\nVersion: 2.1-3\nSHA256sum: ${SHA}\n`;
    const files = parsePackagesIndex(text, CONTRIB, PLAIN) ?? [];
    expect(files.map((f) => [f.filename, f.md5, f.sha256, f.url])).toEqual([
      ["ghbase_1.0.tar.gz", MD5, "", `${CONTRIB}ghbase_1.0.tar.gz`],
      ["ghsha_2.1-3.tar.gz", "", SHA, `${CONTRIB}ghsha_2.1-3.tar.gz`],
    ]);
    expect(files[0]?.metadata).toEqual({ fields: { Package: "ghbase", Version: "1.0", Imports: "utils", NeedsCompilation: "no" } });
    expect(files[0]).toMatchObject({ project: "ghbase", kind: "r-source", size: 0, biocVersion: null, subdir: null });
  });

  it.each([
    ["no digest (cannot be verified)", "Package: ab\nVersion: 1.0\n"],
    ["a malformed digest", "Package: ab\nVersion: 1.0\nMD5sum: nothex\n"],
    ["an invalid package name", `Package: ../a\nVersion: 1.0\nMD5sum: ${MD5}\n`],
    ["an invalid version", `Package: ab\nVersion: one\nMD5sum: ${MD5}\n`],
    ["a Path leaving the folder", `Package: ab\nVersion: 1.0\nMD5sum: ${MD5}\nPath: ../../etc\n`],
  ])("skips a record with %s", (_why, text) => {
    expect(parsePackagesIndex(text, CONTRIB, PLAIN)).toEqual([]);
  });

  it("honours Path (a subfolder of src/contrib) and files Bioconductor sections where asked", () => {
    const [file] = parsePackagesIndex(`Package: ab\nVersion: 1.0\nMD5sum: ${MD5}\nPath: 4.2/Other\n`, CONTRIB, { biocVersion: "3.16", subdir: "data/annotation" }) ?? [];
    expect(file).toMatchObject({ url: `${CONTRIB}4.2/Other/ab_1.0.tar.gz`, biocVersion: "3.16", subdir: "data/annotation" });
  });

  it("is undefined for text that is not DCF", () => {
    expect(parsePackagesIndex("<html>\n  <body>oops</body>", CONTRIB, PLAIN)).toBeUndefined();
  });
});

describe("archiveUrlOf", () => {
  it("moves a top-level tarball under Archive/<pkg>/, and leaves other URLs alone", () => {
    expect(archiveUrlOf(`${CONTRIB}ab_1.0.tar.gz`, "ab")).toBe(`${CONTRIB}Archive/ab/ab_1.0.tar.gz`);
    expect(archiveUrlOf(`${CONTRIB}4.2/Other/ab_1.0.tar.gz`, "ab")).toBeNull();
  });
});

import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PACKAGES_FIELDS, renderPackagesFile, serializePackagesRds, wrapDcfField } from "../src/index.js";
import { expectGolden } from "./python-golden.js";
import { makeTempDir } from "./python-archives.js";
import { hasR, requireClients, runR, titleWithR } from "./r-client.js";

const md5 = (c: string) => c.repeat(32);

const entries: Record<string, string>[] = [
  {
    Package: "zeta",
    Version: "1.10-2",
    Depends: "R (>= 3.5),\n    methods",
    Imports: "cli, glue, lifecycle, rlang (>= 1.0.0), vctrs (>= 0.5.0), pillar (>= 1.8.1), tibble, withr, magrittr",
    License: "MIT + file LICENSE \u00a9 J\u00f6rg",
    MD5sum: md5("a"),
    SHA256sum: md5("b").repeat(2),
    NeedsCompilation: "no",
    Title: "Not an index field",
  },
  { Package: "zeta", Version: "1.9.3", License: "GPL-2", MD5sum: md5("c"), NeedsCompilation: "yes", Priority: "" },
  {
    Package: "Alpha",
    Version: "0.1",
    Suggests: "testthat (>= 3.0.0), knitr, rmarkdown, covr, spelling, a.very.long.package.name.indeed.yes",
    LinkingTo: "Rcpp",
    License: "GPL (>= 2)",
    OS_type: "unix",
    MD5sum: md5("d"),
    File: "Alpha_0.1.tar.gz",
    Path: "Archive/Alpha",
  },
];

describe("wrapDcfField", () => {
  it.each([
    ["Depends", "R (>= 3.5),\n    methods", "Depends: R (>= 3.5), methods"],
    ["Title", "End.  Next   word", "Title: End.  Next word"],
    ["X", "  lead  ", "X: lead"],
    ["Long", "x".repeat(100), `Long:\n        ${"x".repeat(100)}`],
  ])("formats %s", (tag, value, expected) => {
    expect(wrapDcfField(tag, value)).toBe(expected);
  });

  it("keeps every line under 72 characters when words allow", () => {
    const text = wrapDcfField("Imports", Array.from({ length: 60 }, (_, i) => `pkg${i} (>= 1.${i})`).join(", "));
    for (const line of text.split("\n")) expect(line.length).toBeLessThan(72);
    expect(text.split("\n").slice(1).every((l) => l.startsWith("        ") && !l.startsWith("         "))).toBe(true);
  });
});

describe("renderPackagesFile", () => {
  it("writes CRAN-style records in field order, sorted by package then version", () => {
    const text = renderPackagesFile(entries);
    expectGolden("r/PACKAGES", text);
    expect(text.indexOf("Package: Alpha")).toBeLessThan(text.indexOf("Version: 1.9.3"));
    expect(text.indexOf("Version: 1.9.3")).toBeLessThan(text.indexOf("Version: 1.10-2"));
    expect(text).not.toContain("Title:");
    expect(text).not.toContain("Priority:");
  });

  it("renders nothing for no entries", () => {
    expect(renderPackagesFile([])).toBe("");
  });
});

describe("serializePackagesRds", () => {
  it("writes a gzip'd XDR version-3 serialization of a character matrix", () => {
    const raw = gunzipSync(serializePackagesRds(entries));
    expect(raw.subarray(0, 2).toString("latin1")).toBe("X\n");
    expect(raw.readInt32BE(2)).toBe(3);
    expect(raw.subarray(18, 23).toString("latin1")).toBe("UTF-8");
    // STRSXP with attributes, 3 rows x 18 columns.
    expect(raw.readInt32BE(23)).toBe(16 | (1 << 9));
    expect(raw.readInt32BE(27)).toBe(3 * PACKAGES_FIELDS.length);
  });
});

const rTitle = titleWithR("read by R");
describe.skipIf(!hasR && !requireClients)(rTitle, () => {
  let dir = "";
  beforeAll(() => {
    dir = makeTempDir("r-index");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** An R string literal for any JS string, with non-ASCII as \u{…} escapes so the script is pure ASCII. */
  const rString = (s: string | undefined): string =>
    s === undefined
      ? "NA_character_"
      : JSON.stringify(s).replace(/[^\x20-\x7e]/gu, (c) => `\\u{${(c.codePointAt(0) ?? 0).toString(16)}}`);

  it("readRDS gives the same matrix: dims, dimnames, values, NA, UTF-8 and newlines", () => {
    const file = join(dir, "PACKAGES.rds");
    writeFileSync(file, serializePackagesRds(entries));
    const sorted = [entries[2], entries[1], entries[0]] as Record<string, string>[];
    const cells = sorted.flatMap((e) => PACKAGES_FIELDS.map((f) => rString(e[f])));
    const script = `
      args <- commandArgs(trailingOnly = TRUE)
      m <- readRDS(args[1])
      fields <- c(${PACKAGES_FIELDS.map(rString).join(", ")})
      expected <- matrix(c(${cells.join(", ")}), nrow = ${sorted.length}, byrow = TRUE, dimnames = list(NULL, fields))
      stopifnot(is.character(m), is.matrix(m), identical(dim(m), c(${sorted.length}L, ${PACKAGES_FIELDS.length}L)))
      stopifnot(is.null(rownames(m)), identical(colnames(m), fields))
      stopifnot(identical(m, expected))
      stopifnot(is.na(m[1, "Priority"]), identical(unname(m[2, "Priority"]), ""), Encoding(m[3, "License"]) == "UTF-8")
      stopifnot(identical(unname(m[3, "Depends"]), "R (>= 3.5),\\n    methods"))
      cat("OK", nrow(m), ncol(m), "\\n")
    `;
    expect(runR(script, [file])).toContain(`OK 3 ${PACKAGES_FIELDS.length}`);
  });

  it("write.dcf of that matrix is byte-for-byte our PACKAGES", () => {
    const rds = join(dir, "for-dcf.rds");
    const out = join(dir, "PACKAGES.fromR");
    const withoutEmpty = entries.map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== "")));
    writeFileSync(rds, serializePackagesRds(withoutEmpty));
    runR("a <- commandArgs(trailingOnly = TRUE); write.dcf(readRDS(a[1]), file = a[2])", [rds, out]);
    const fromR = runR("cat(readLines(commandArgs(trailingOnly = TRUE)[1], encoding = 'UTF-8'), sep = '\\n')", [out]);
    expect(renderPackagesFile(entries)).toBe(fromR);
  });

  it.each([
    ["PACKAGES.rds", (contrib: string) => writeFileSync(join(contrib, "PACKAGES.rds"), serializePackagesRds(entries))],
    ["PACKAGES", (contrib: string) => writeFileSync(join(contrib, "PACKAGES"), renderPackagesFile(entries))],
  ])("available.packages() reads a repository that has only %s", (name, write) => {
    const repo = join(dir, `repo-${name}`);
    const contrib = join(repo, "src", "contrib");
    mkdirSync(contrib, { recursive: true });
    write(contrib);
    const script = `
      ap <- available.packages(repos = paste0("file://", commandArgs(trailingOnly = TRUE)[1]), type = "source", filters = list())
      cat(paste(ap[, "Package"], ap[, "Version"], ap[, "MD5sum"], sep = "|"), sep = "\\n")
    `;
    const lines = runR(script, [repo]).trim().split("\n");
    expect(lines).toEqual([`Alpha|0.1|${md5("d")}`, `zeta|1.9.3|${md5("c")}`, `zeta|1.10-2|${md5("a")}`]);
  });
});

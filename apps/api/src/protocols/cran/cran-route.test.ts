import { describe, expect, it } from "vitest";
import { type CranRoute, parseCranRoute } from "./cran-route.js";

const top = { bioc: null };
const soft = (version: string) => ({ bioc: { version, section: "bioc" as const } });

describe("parseCranRoute", () => {
  const cases: [string, boolean, CranRoute | undefined][] = [
    ["latest/src/contrib/PACKAGES", false, { snapshot: "latest", target: { kind: "index", folder: top, file: "PACKAGES" } }],
    ["src/contrib/PACKAGES.gz", false, { snapshot: "latest", target: { kind: "index", folder: top, file: "PACKAGES.gz" } }],
    ["2024-05-01/src/contrib/PACKAGES.rds", false, { snapshot: "2024-05-01", target: { kind: "index", folder: top, file: "PACKAGES.rds" } }],
    ["latest/src/contrib/foo_1.0.tar.gz", false, { snapshot: "latest", target: { kind: "download", folder: top, filename: "foo_1.0.tar.gz", archiveOf: null } }],
    ["src/contrib/Archive/foo/foo_0.9.tar.gz", false, { snapshot: "latest", target: { kind: "download", folder: top, filename: "foo_0.9.tar.gz", archiveOf: "foo" } }],
    ["latest/config.yaml", true, { snapshot: "latest", target: { kind: "config" } }],
    ["config.yaml", true, { snapshot: "latest", target: { kind: "config" } }],
    ["latest/packages/3.16/bioc/src/contrib/PACKAGES", true, { snapshot: "latest", target: { kind: "index", folder: soft("3.16"), file: "PACKAGES" } }],
    [
      "latest/packages/3.16/data/annotation/src/contrib/PACKAGES.gz",
      true,
      { snapshot: "latest", target: { kind: "index", folder: { bioc: { version: "3.16", section: "data/annotation" } }, file: "PACKAGES.gz" } },
    ],
    [
      "packages/3.20/books/src/contrib/Archive/x/x_1.0.tar.gz",
      true,
      { snapshot: "latest", target: { kind: "download", folder: { bioc: { version: "3.20", section: "books" } }, filename: "x_1.0.tar.gz", archiveOf: "x" } },
    ],
    ["latest/config.yaml", false, undefined],
    ["latest/packages/3.16/bioc/src/contrib/PACKAGES", false, undefined],
    ["latest/packages/devel/bioc/src/contrib/PACKAGES", true, undefined],
    ["latest/packages/3.16/data/src/contrib/PACKAGES", true, undefined],
    ["latest/src/contrib/", false, undefined],
    ["latest/src/contrib/foo.zip", false, undefined],
    ["latest/src/contrib/Archive/foo/", false, undefined],
    ["latest/src/contrib/a/b/c/d.tar.gz", false, undefined],
    ["latest/simple/", false, undefined],
    ["", false, undefined],
  ];
  it.each(cases)("%s (bioconductor: %s)", (path, bioc, expected) => {
    expect(parseCranRoute(path.split("/"), bioc)).toEqual(expected);
  });
});

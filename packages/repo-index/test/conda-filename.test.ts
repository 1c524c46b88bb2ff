import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CONDA_SUBDIRS,
  formatCondaFilename,
  isValidCondaLabel,
  isValidCondaSubdir,
  parseCondaFilename,
} from "../src/index.js";

describe("parseCondaFilename", () => {
  it.each([
    ["numpy-1.26.4-py312h8753938_0.conda", "numpy", "1.26.4", "py312h8753938_0", "conda"],
    ["python-dateutil-2.9.0-pyhd8ed1ab_0.tar.bz2", "python-dateutil", "2.9.0", "pyhd8ed1ab_0", "tar.bz2"],
    ["_libgcc_mutex-0.1-conda_forge.tar.bz2", "_libgcc_mutex", "0.1", "conda_forge", "tar.bz2"],
    ["ca-certificates-2024.2.2-hbcca054_0.conda", "ca-certificates", "2024.2.2", "hbcca054_0", "conda"],
    ["r-base-4.3.3-0.tar.bz2", "r-base", "4.3.3", "0", "tar.bz2"],
    ["foo.bar-1!2.0+local.1-h1.2+x_3.conda", "foo.bar", "1!2.0+local.1", "h1.2+x_3", "conda"],
    ["openssl-1.0.2u-h0_0.tar.bz2", "openssl", "1.0.2u", "h0_0", "tar.bz2"],
  ])("parses %s", (filename, name, version, build, format) => {
    expect(parseCondaFilename(filename)).toEqual({ ok: true, value: { filename, name, version, build, format } });
  });

  it.each([
    ["numpy-1.26.4-py312_0.tar.gz", "FILENAME_UNSUPPORTED"],
    ["numpy-1.26.4-py312_0.whl", "FILENAME_UNSUPPORTED"],
    ["numpy-1.26.4-py312_0", "FILENAME_UNSUPPORTED"],
    ["numpy-1.26.4.conda", "FILENAME_INVALID"],
    ["numpy.conda", "FILENAME_INVALID"],
    ["-1.0-0.conda", "FILENAME_INVALID"],
    ["numpy--0.conda", "FILENAME_INVALID"],
    ["numpy-1.0-.conda", "FILENAME_INVALID"],
    ["NumPy-1.0-0.conda", "FILENAME_INVALID"],
    [".hidden-1.0-0.conda", "FILENAME_INVALID"],
    ["dir/numpy-1.0-0.conda", "FILENAME_INVALID"],
    ["dir\\numpy-1.0-0.conda", "FILENAME_INVALID"],
    ["../numpy-1.0-0.conda", "FILENAME_INVALID"],
    ["numpy-1..0-0.conda", "FILENAME_INVALID"],
    ["numpy-1.0-0\u0000.conda", "FILENAME_INVALID"],
    ["numpy-1.0-0\n.conda", "FILENAME_INVALID"],
    ["numpy-1.0&2-0.conda", "FILENAME_INVALID"],
    ["numpy-1.0-py 3.conda", "FILENAME_INVALID"],
    [`${"a".repeat(250)}-1-0.conda`, "FILENAME_INVALID"],
  ])("refuses %j with %s", (filename, code) => {
    const parsed = parseCondaFilename(filename);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.code).toBe(code);
      expect(parsed.error.message.length).toBeGreaterThan(20);
    }
  });

  const name = fc.stringMatching(/^[a-z0-9_][a-z0-9_-]{0,20}$/);
  const version = fc.stringMatching(/^[0-9]{1,3}(\.[0-9a-z]{1,3}){0,3}$/);
  const build = fc.stringMatching(/^[a-zA-Z0-9_][a-zA-Z0-9_]{0,15}$/);
  const format = fc.constantFrom("conda" as const, "tar.bz2" as const);

  it("round-trips name, version and build through the filename, splitting from the right", () => {
    fc.assert(
      fc.property(name, version, build, format, (n, v, b, f) => {
        const filename = formatCondaFilename({ name: n, version: v, build: b, format: f });
        expect(parseCondaFilename(filename)).toEqual({ ok: true, value: { filename, name: n, version: v, build: b, format: f } });
      }),
    );
  });

  it("never accepts a filename with a path separator", () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom("/", "\\"), fc.string(), (a, sep, b) => {
        expect(parseCondaFilename(`${a}${sep}${b}-1.0-0.conda`).ok).toBe(false);
      }),
    );
  });
});

describe("subdirs and labels", () => {
  it.each(["noarch", "linux-64", "linux-aarch64", "linux-ppc64le", "linux-s390x", "osx-64", "osx-arm64", "win-64", "win-arm64", "emscripten-wasm32", "wasi-wasm32"])(
    "knows %s",
    (subdir) => {
      expect(CONDA_SUBDIRS).toContain(subdir);
      expect(isValidCondaSubdir(subdir)).toBe(true);
    },
  );

  it.each(["", "linux", "Linux-64", "linux-64/", "../noarch", "noarch "])("refuses subdir %j", (subdir) => {
    expect(isValidCondaSubdir(subdir)).toBe(false);
  });

  it.each(["main", "dev", "rc-1.2", "a", "0", "x".repeat(64), "my_label.v2"])("accepts label %j", (label) => {
    expect(isValidCondaLabel(label)).toBe(true);
  });

  it.each(["", "Main", "-dev", ".hidden", "..", "a/b", "a b", "x".repeat(65), "é"])("refuses label %j", (label) => {
    expect(isValidCondaLabel(label)).toBe(false);
  });
});

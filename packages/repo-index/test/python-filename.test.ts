import { describe, expect, it } from "vitest";
import { parsePythonFilename } from "../src/index.js";

describe("parsePythonFilename", () => {
  it.each([
    ["foo-1.0-py3-none-any.whl", { kind: "wheel", name: "foo", project: "foo", version: "1.0", pythonTags: ["py3"], abiTags: ["none"], platformTags: ["any"] }],
    ["Foo_Bar-2.1rc1-1build-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", { kind: "wheel", name: "Foo_Bar", project: "foo-bar", version: "2.1rc1", buildTag: "1build", platformTags: ["manylinux_2_17_x86_64", "manylinux2014_x86_64"] }],
    ["six-1.16.0-py2.py3-none-any.whl", { project: "six", pythonTags: ["py2", "py3"] }],
    ["torch-2.0.0+cu118-cp310-cp310-linux_x86_64.whl", { project: "torch", version: "2.0.0+cu118" }],
    ["zope.interface-5.0-py3-none-any.whl", { name: "zope.interface", project: "zope-interface" }],
    ["foo_bar-1.0.tar.gz", { kind: "sdist", name: "foo_bar", project: "foo-bar", version: "1.0" }],
    ["python-dateutil-2.8.2.tar.gz", { kind: "sdist", name: "python-dateutil", project: "python-dateutil", version: "2.8.2" }],
    ["Django-4.2.zip", { kind: "sdist", project: "django", version: "4.2" }],
    ["foo-1.0-dev.tar.gz", { name: "foo", version: "1.0-dev" }],
    ["foo-1!2.0.post3.tar.gz", { name: "foo", version: "1!2.0.post3" }],
    // Ambiguous legacy name: the last '-' with a valid version wins, as documented.
    ["foo-1.0-2.tar.gz", { name: "foo-1.0", version: "2" }],
  ])("parses %s", (filename, expected) => {
    const result = parsePythonFilename(filename);
    expect(result).toMatchObject({ ok: true, value: { filename, ...expected } });
  });

  it("leaves tags out of sdists and buildTag out of plain wheels", () => {
    const sdist = parsePythonFilename("foo-1.0.tar.gz");
    const wheel = parsePythonFilename("foo-1.0-py3-none-any.whl");
    expect(sdist.ok && sdist.value.pythonTags).toBe(undefined);
    expect(wheel.ok && "buildTag" in wheel.value).toBe(false);
  });

  it.each([
    ["../x.whl", "FILENAME_INVALID"],
    ["../foo-1.0-py3-none-any.whl", "FILENAME_INVALID"],
    ["dir/foo-1.0-py3-none-any.whl", "FILENAME_INVALID"],
    ["dir\\foo-1.0.tar.gz", "FILENAME_INVALID"],
    ["foo..bar-1.0.tar.gz", "FILENAME_INVALID"],
    ["foo-1.0\u0000-py3-none-any.whl", "FILENAME_INVALID"],
    ["foo -1.0.tar.gz", "FILENAME_INVALID"],
    ["", "FILENAME_INVALID"],
    [`${"a".repeat(300)}-1.0.tar.gz`, "FILENAME_INVALID"],
    ["foo-1.0-py3-none.whl", "FILENAME_INVALID"],
    ["foo-1.0-x-y-py3-none-any.whl", "FILENAME_INVALID"],
    ["foo-notaversion-py3-none-any.whl", "FILENAME_INVALID"],
    ["foo-1.0-build-py3-none-any.whl", "FILENAME_INVALID"],
    ["-foo-1.0-py3-none-any.whl", "FILENAME_INVALID"],
    ["foo_-1.0.tar.gz", "FILENAME_INVALID"],
    ["foo.tar.gz", "FILENAME_INVALID"],
    ["foo-bar.tar.gz", "FILENAME_INVALID"],
    ["foo-1.0-py3-none-a$y.whl", "FILENAME_INVALID"],
    ["foo-1.0.tar.bz2", "FILENAME_UNSUPPORTED"],
    ["foo-1.0.egg", "FILENAME_UNSUPPORTED"],
    ["foo-1.0-py3-none-any.WHL", "FILENAME_UNSUPPORTED"],
    ["foo-1.0.exe", "FILENAME_UNSUPPORTED"],
  ])("refuses %j with %s", (filename, code) => {
    const result = parsePythonFilename(filename);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message.length).toBeGreaterThan(10);
    }
  });
});

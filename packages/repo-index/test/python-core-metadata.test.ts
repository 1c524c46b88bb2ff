import { describe, expect, it } from "vitest";
import { parseCoreMetadata } from "../src/index.js";

describe("parseCoreMetadata", () => {
  it("reads the fields the index needs and keeps the raw text", () => {
    const text = [
      "Metadata-Version: 2.1",
      "Name: Foo-Bar",
      "Version: 1.0",
      "Summary: A thing",
      "Requires-Python: >=3.8",
      "Requires-Dist: requests (>=2)",
      "Requires-Dist: idna; extra == 'x'",
      "Description-Content-Type: text/markdown",
      "",
      "Name: not-a-header",
      "Requires-Dist: not-a-dep",
    ].join("\r\n");
    expect(parseCoreMetadata(text)).toEqual({
      ok: true,
      value: {
        name: "Foo-Bar",
        version: "1.0",
        summary: "A thing",
        requiresPython: ">=3.8",
        requiresDist: ["requests (>=2)", "idna; extra == 'x'"],
        metadataVersion: "2.1",
        raw: text,
      },
    });
  });

  it("joins continuation lines, takes header names case-insensitively and keeps the first single value", () => {
    const text = "name: foo\nVERSION: 2\nSummary: first\n  second\nSummary: ignored\n";
    expect(parseCoreMetadata(text)).toMatchObject({ ok: true, value: { name: "foo", version: "2", summary: "first\n  second" } });
  });

  it("ignores a BOM and stops at a line that is not a header", () => {
    const text = "\uFEFFName: foo\nVersion: 1\nthis is body text\nSummary: no\n";
    const result = parseCoreMetadata(text);
    expect(result).toMatchObject({ ok: true, value: { name: "foo", raw: text } });
    expect(result.ok && result.value.summary).toBe(undefined);
  });

  it.each([
    ["Version: 1.0\n"],
    ["Name: foo\n"],
    ["\nName: foo\nVersion: 1\n"],
    ["Name:\nVersion: 1\n"],
  ])("refuses metadata without Name and Version: %j", (text) => {
    expect(parseCoreMetadata(text)).toMatchObject({ ok: false, error: { code: "METADATA_INVALID" } });
  });
});

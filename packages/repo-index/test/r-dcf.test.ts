import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDcf, parseDescription, renderPackagesFile, wrapDcfField } from "../src/index.js";

describe("parseDcf", () => {
  it("follows R's read.dcf: stripped continuation lines joined by newlines, '.' for empty lines", () => {
    const text = [
      "Package: pkgA",
      "Description: line one",
      "    line two",
      "  .",
      "      three   ",
      "Depends: R (>= 3.5),",
      "\tmethods",
      "Empty:",
      "Late:",
      "   first",
      "   second  ",
      "   ",
      "",
      "",
      "Package: b",
      "Version:2",
      "Version: 3",
      "#comment: x",
    ].join("\n");
    expect(parseDcf(text)).toEqual({
      ok: true,
      value: [
        {
          Package: "pkgA",
          Description: "line one\nline two\n\nthree",
          Depends: "R (>= 3.5),\nmethods",
          Empty: "",
          Late: "first\nsecond",
        },
        { Package: "b", Version: "3", "#comment": "x" },
      ],
    });
  });

  it("accepts CRLF line endings and an empty text", () => {
    expect(parseDcf("Package: a\r\nVersion: 1\r\n")).toEqual({ ok: true, value: [{ Package: "a", Version: "1" }] });
    expect(parseDcf("\n\n")).toEqual({ ok: true, value: [] });
  });

  it("keeps a field named __proto__ as plain data", () => {
    const result = parseDcf("__proto__: polluted\nPackage: a\n");
    expect(result.ok && Object.getPrototypeOf(result.value[0])).toBe(Object.prototype);
    expect(result.ok && Object.getOwnPropertyDescriptor(result.value[0], "__proto__")?.value).toBe("polluted");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ["Package: a\nnocolon here\n", /line 2/],
    [" leading: x\nPackage: a\n", /line 1 is a continuation/],
    ["Package: a\n\n  orphan\n", /line 3 is a continuation/],
  ])("refuses %j", (text, message) => {
    const result = parseDcf(text);
    expect(result).toMatchObject({ ok: false, error: { code: "DCF_INVALID" } });
    expect(result.ok || result.error.message).toMatch(message);
  });

  // Found by the property below: a wrapped "." alone on a continuation line is read (by R too) as a blank line.
  it("never wraps a lone '.' onto a line of its own, so it reads back", () => {
    const value = `${"x".repeat(62)} .`;
    const field = wrapDcfField("Depends", value);
    expect(field.split("\n").map((l) => l.trim())).not.toContain(".");
    expect(parseDcf(`Package: aa\n${field}\n`)).toMatchObject({ ok: true, value: [{ Depends: value }] });
  });

  it("reads back what renderPackagesFile writes, up to whitespace", () => {
    const value = fc.array(fc.stringMatching(/^[A-Za-z0-9(>=,.)]{1,12}$/), { minLength: 1, maxLength: 30 }).map((w) => w.join(" "));
    const entry = fc.record({ Package: fc.stringMatching(/^[a-z][a-z0-9]{1,6}$/), Version: fc.constantFrom("1.0", "2.3-1"), Imports: value, Depends: value });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 5 }), (entries) => {
        const parsed = parseDcf(renderPackagesFile(entries));
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        const collapse = (s: string) => s.replace(/\s+/g, " ").trim();
        const expected = [...entries]
          .sort((a, b) => (a.Package < b.Package ? -1 : a.Package > b.Package ? 1 : 0))
          .map((e) => ({ Package: e.Package, Version: e.Version, Depends: collapse(e.Depends), Imports: collapse(e.Imports) }));
        const actual = parsed.value.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, collapse(v)])));
        expect(actual.map((r) => r.Package)).toEqual(expected.map((e) => e.Package));
        expect(new Set(actual.map((r) => JSON.stringify(r)))).toEqual(new Set(expected.map((e) => JSON.stringify(e))));
      }),
    );
  });
});

describe("parseDescription", () => {
  it("parses one record from a string", () => {
    expect(parseDescription("Package: foo\nVersion: 1.0\n")).toEqual({ ok: true, value: { Package: "foo", Version: "1.0" } });
  });

  it("decodes bytes declared Encoding: latin1", () => {
    const bytes = Buffer.from("Package: foo\nVersion: 1.0\nAuthor: J\u00f6rg M\u00fcller\nEncoding: latin1\n", "latin1");
    expect(parseDescription(bytes)).toMatchObject({ ok: true, value: { Author: "J\u00f6rg M\u00fcller", Encoding: "latin1" } });
  });

  it("decodes UTF-8 bytes, declared or not", () => {
    const text = "Package: foo\nVersion: 1.0\nAuthor: \u5f20\u4e09 \u00e9\n";
    expect(parseDescription(Buffer.from(text))).toMatchObject({ ok: true, value: { Author: "\u5f20\u4e09 \u00e9" } });
    expect(parseDescription(Buffer.from(`${text}Encoding: UTF-8\n`))).toMatchObject({ ok: true, value: { Author: "\u5f20\u4e09 \u00e9" } });
  });

  it.each([
    ["two records", "Package: a\n\nPackage: b\n", /one record/],
    ["nothing", "\n", /empty/],
    ["a malformed line", "Package: a\nbad\n", /line 2/],
    ["Latin-1 bytes without an Encoding", Buffer.from("Package: a\nAuthor: J\u00f6rg\n", "latin1"), /UTF-8/],
    ["an unknown Encoding", Buffer.from("Package: a\nEncoding: klingon\n"), /not a supported Encoding/],
  ])("refuses %s", (_why, input, message) => {
    const result = parseDescription(input);
    expect(result).toMatchObject({ ok: false, error: { code: "DESCRIPTION_INVALID" } });
    expect(result.ok || result.error.message).toMatch(message);
  });
});

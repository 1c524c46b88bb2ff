import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isValidProjectName, normalizeProjectName } from "../src/index.js";

const nameChar = fc.constantFrom(..."abcXYZ019-_.".split(""));
const name = fc.array(nameChar, { minLength: 1, maxLength: 12 }).map((cs) => cs.join(""));

describe("normalizeProjectName", () => {
  it.each([
    ["Django", "django"],
    ["Foo__Bar.baz", "foo-bar-baz"],
    ["zope.interface", "zope-interface"],
    ["a-_.-b", "a-b"],
    ["A", "a"],
  ])("normalizes %s to %s", (input, expected) => {
    expect(normalizeProjectName(input)).toBe(expected);
  });

  it("is idempotent, lowercase, and leaves no '_' '.' or repeated '-'", () => {
    fc.assert(
      fc.property(name, (n) => {
        const once = normalizeProjectName(n);
        expect(normalizeProjectName(once)).toBe(once);
        expect(once).toBe(once.toLowerCase());
        expect(once).not.toMatch(/[_.]|--/);
      }),
    );
  });

  it("maps names that differ only in case and separator spelling to the same name", () => {
    const sep = fc.constantFrom("-", "_", ".", "--", "_.", "-_-");
    const word = fc.stringMatching(/^[a-z0-9]{1,5}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), sep, sep, (words, s1, s2) => {
        const a = words.join(s1);
        const b = words.map((w) => w.toUpperCase()).join(s2);
        expect(normalizeProjectName(a)).toBe(normalizeProjectName(b));
      }),
    );
  });

  it("keeps valid names valid", () => {
    fc.assert(
      fc.property(name, (n) => {
        if (isValidProjectName(n)) expect(isValidProjectName(normalizeProjectName(n))).toBe(true);
      }),
    );
  });
});

describe("isValidProjectName", () => {
  it.each(["a", "A1", "foo-bar", "foo_bar.baz", "9x"])("accepts %s", (n) => expect(isValidProjectName(n)).toBe(true));
  it.each(["", "-a", "a-", "a.", "_a", "a b", "fö", "a/b"])("refuses %j", (n) => expect(isValidProjectName(n)).toBe(false));
});

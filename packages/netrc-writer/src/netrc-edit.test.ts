import { describe, expect, it } from "vitest";
import { findMachine } from "./find-machine.js";
import { type NetrcDocument, serializeNetrc } from "./netrc-document.js";
import { removeMachine, upsertMachine } from "./netrc-edit.js";
import { parseNetrc } from "./netrc-parse.js";

function doc(text: string): NetrcDocument {
  const parsed = parseNetrc(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

function upsert(text: string, host = "pkg.test", password = "gth-new"): string {
  const next = upsertMachine(doc(text), host, "__token__", password);
  if (!next.ok) throw new Error(next.error.message);
  return serializeNetrc(next.value);
}

describe("upsertMachine", () => {
  it.each([
    ["empty file", "", "machine pkg.test login __token__ password gth-new\n"],
    ["appends after other entries", "machine a login x password y\n", "machine a login x password y\nmachine pkg.test login __token__ password gth-new\n"],
    ["adds the missing final newline first", "machine a login x password y", "machine a login x password y\nmachine pkg.test login __token__ password gth-new\n"],
    ["keeps CRLF line endings", "machine a login x password y\r\n", "machine a login x password y\r\nmachine pkg.test login __token__ password gth-new\r\n"],
    [
      "inserts before default",
      "machine a login x password y\n  default login anon password guest\n",
      "machine a login x password y\nmachine pkg.test login __token__ password gth-new\n  default login anon password guest\n",
    ],
    [
      "edits in place, keeping comments, account and layout",
      "# mine\nmachine pkg.test # the repo\n  login old # who\n  account team\n  password old-pw\nmachine a login x password y\n",
      "# mine\nmachine pkg.test # the repo\n  login __token__ # who\n  account team\n  password gth-new\nmachine a login x password y\n",
    ],
    ["collapses duplicates into the first", "machine pkg.test login a password b\nmachine x login c password d\nmachine pkg.test login e password f\n", "machine pkg.test login __token__ password gth-new\nmachine x login c password d\n"],
    ["lower-cases a host written in another case", "machine PKG.Test login a password b\n", "machine pkg.test login __token__ password gth-new\n"],
    ["turns user into login and fills a missing password", "machine pkg.test user a\n", "machine pkg.test login __token__ password gth-new\n"],
    ["moves an entry curl cannot reach after default", "default login d password e\nmachine pkg.test login a password b\n", "machine pkg.test login __token__ password gth-new\ndefault login d password e\n"],
    ["closes a macro left open at the end", "macdef m\ncd /pub", "macdef m\ncd /pub\n\nmachine pkg.test login __token__ password gth-new\n"],
    ["joins a value curl would miss after a CRLF break", "machine pkg.test login\r\n__token__ password gth-new\r\n", "machine pkg.test login __token__ password gth-new\r\n"],
  ])("%s", (_, before, after) => {
    expect(upsert(before)).toBe(after);
    expect(upsert(after)).toBe(after);
  });

  it("changes nothing when the entry is already right", () => {
    const text = "# c\nmachine pkg.test login __token__ password gth-new # ok\n";
    expect(upsert(text)).toBe(text);
  });

  it("refuses unsafe values and names the character", () => {
    const result = upsertMachine(doc(""), "pkg.test", "__token__", "abc def");
    expect(result).toMatchObject({ ok: false, error: { code: "NETRC_UNSAFE_VALUE" } });
    expect(!result.ok && result.error.message).toMatch(/password contains a space at position 4/);
    expect(!result.ok && result.error.message).not.toContain("abc");
  });

  // Found by fuzzing: Python refuses the `\f`-prefixed keyword and curl takes the next line's `machine`
  // as the bare entry's host, so an appended entry would be read by no client at all.
  it("refuses an edit no client would read, and says why", () => {
    const result = upsertMachine(doc("\fmachine\n\nmachine"), "pkg.test", "__token__", "gth-new");
    expect(result).toMatchObject({ ok: false, error: { code: "NETRC_ENTRY_HIDDEN" } });
    expect(!result.ok && result.error.message).toMatch(/neither pip nor curl .* pkg\.test.*bad toplevel token/);
    expect(!result.ok && result.error.message).not.toContain("gth-new");
  });

  it("is found afterwards by both client models", () => {
    const next = upsertMachine(doc("default login d password e\n"), "pkg.test", "__token__", "gth-new");
    if (!next.ok) throw new Error(next.error.message);
    expect(findMachine(next.value, "pkg.test")).toEqual({ agree: true, credentials: { login: "__token__", password: "gth-new" } });
  });
});

describe("removeMachine", () => {
  it.each([
    ["whole lines", "# a\nmachine pkg.test login a password b\nmachine x login c password d\n", "# a\nmachine x login c password d\n"],
    ["indented multi-line entry", "machine x login c password d\n  machine pkg.test\n    login a\n    password b\n", "machine x login c password d\n"],
    ["entry sharing a line", "machine x login c password d machine pkg.test login a password b\nmachine y login e password f\n", "machine x login c password d\nmachine y login e password f\n"],
    ["every duplicate, any case", "machine pkg.test login a password b\nmachine PKG.TEST login a password b\n", ""],
    ["nothing when absent", "machine x login c password d\n", "machine x login c password d\n"],
  ])("%s", (_, before, after) => {
    const next = removeMachine(doc(before), "pkg.test");
    expect(next.ok && serializeNetrc(next.value)).toBe(after);
  });
});

describe("findMachine", () => {
  it("reports what Python and curl each resolve when they differ", () => {
    const text = "machine pkg.test login a password first\nmachine pkg.test login a password last\n";
    expect(findMachine(doc(text), "pkg.test")).toEqual({
      agree: false,
      python: { login: "a", password: "last" },
      curl: { login: "a", password: "first" },
    });
  });

  it("reports why Python cannot read the file", () => {
    const lookup = findMachine(doc("machine a login x password y\n\n# a note\n"), "a");
    expect(lookup).toMatchObject({ agree: false, python: null, curl: { login: "x", password: "y" } });
    expect(!lookup.agree && lookup.pythonError).toMatch(/bad follower token 'a'/);
  });
});

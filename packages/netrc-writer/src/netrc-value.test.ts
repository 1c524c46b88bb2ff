import { describe, expect, it } from "vitest";
import { validateNetrcValue } from "./netrc-value.js";
import { hostFromUrl } from "./repo-url.js";
import { defaultClientPaths, defaultNetrcPath } from "./client-paths.js";

describe("validateNetrcValue", () => {
  it.each([
    ["gth-AbC123", null],
    ["__token__", null],
    ["", /is empty/],
    ["a b", /a space at position 2/],
    ["a\tb", /a tab/],
    ["a\nb", /a line break/],
    ['a"b', /a double quote/],
    ["a'b", /a single quote/],
    ["#ab", /'#'/],
    ["a\\b", /a backslash/],
    ["aé", /non-ASCII character "é" \(U\+00E9\)/],
    ["a\u0007", /control character \(U\+0007\)/],
    ["machine", /keyword "machine"/],
    ["PASSWORD", /keyword/],
  ])("%j", (value, problem) => {
    const result = validateNetrcValue(value, "password");
    if (problem === null) expect(result).toEqual({ ok: true, value });
    else {
      expect(result).toMatchObject({ ok: false, error: { code: "NETRC_UNSAFE_VALUE" } });
      expect(!result.ok && result.error.message).toMatch(problem);
    }
  });
});

describe("hostFromUrl", () => {
  it.each([
    ["http://127.0.0.1:4242/pypi/latest/simple/", "127.0.0.1"],
    ["https://PKG.Example.COM:8443/cran/latest", "pkg.example.com"],
    ["pkg.example.com/pypi/simple", "pkg.example.com"],
    ["http://[::1]:4242/conda", "::1"],
    ["https://bücher.example/x", "xn--bcher-kva.example"],
  ])("%s → %s", (url, host) => {
    expect(hostFromUrl(url)).toEqual({ ok: true, value: host });
  });

  it.each(["", "ftp://host/x", "http://user:pw@host/x", "http://"])("refuses %j", (url) => {
    expect(hostFromUrl(url)).toMatchObject({ ok: false, error: { code: "URL_INVALID" } });
  });

  it("never echoes a /t/<token>/ segment in its messages", () => {
    const result = hostFromUrl("ftp://h/t/gth-secret/conda");
    expect(!result.ok && result.error.message).not.toContain("gth-secret");
  });
});

describe("client paths", () => {
  it("uses _netrc on Windows and .netrc elsewhere", () => {
    expect(defaultNetrcPath("/home/ana", "linux")).toBe("/home/ana/.netrc");
    expect(defaultNetrcPath("/Users/ana", "darwin")).toBe("/Users/ana/.netrc");
    expect(defaultNetrcPath("C:\\Users\\ana", "win32")).toBe("C:\\Users\\ana\\_netrc");
  });

  it("picks pip's per-platform file, honouring an existing ~/.config/pip/pip.conf on macOS", () => {
    expect(defaultClientPaths("/home/ana", "linux").pip).toBe("/home/ana/.config/pip/pip.conf");
    expect(defaultClientPaths("/Users/ana", "darwin").pip).toBe("/Users/ana/Library/Application Support/pip/pip.conf");
    expect(defaultClientPaths("/Users/ana", "darwin", (f) => f.endsWith(".config/pip/pip.conf")).pip).toBe(
      "/Users/ana/.config/pip/pip.conf",
    );
    expect(defaultClientPaths("C:\\Users\\ana", "win32").pip).toBe("C:\\Users\\ana\\AppData\\Roaming\\pip\\pip.ini");
  });
});

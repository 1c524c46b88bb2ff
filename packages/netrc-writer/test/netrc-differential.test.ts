import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type NetrcDocument,
  parseNetrc,
  readNetrcAsPython,
  removeMachine,
  resolveAsCurl,
  resolveAsPython,
  serializeNetrc,
  upsertMachine,
} from "../src/index.js";
import {
  type EchoServer,
  hasCommand,
  resolveWithRealCurl,
  resolveWithRealPython,
  startEchoServer,
} from "./support/real-clients.js";
import { netrcText } from "./support/netrc-arbitrary.js";

const FIXTURES = path.join(import.meta.dirname, "fixtures", "netrc");
const TARGET = "pkg.gatehouse.test";
const NEW_TOKEN = `gth-${"N3wT0ken".repeat(5)}abcdef`;
const HOSTS = [TARGET, "a.example.test", "b.example.test", "unknown.example.test"];
const toolsPresent = hasCommand("python3", ["--version"]) && hasCommand("curl", ["--version"]);
if (!toolsPresent && process.env.GATEHOUSE_REQUIRE_CLIENTS === "1") throw new Error("python3 and curl are required (GATEHOUSE_REQUIRE_CLIENTS=1) for the netrc differential tests but were not found");

// pythonBefore/pythonAfter: whether Python 3.11's netrc module can read the file before and after the edit.
const CASES = [
  { file: "empty.netrc", pythonBefore: true, pythonAfter: true },
  { file: "simple.netrc", pythonBefore: true, pythonAfter: true },
  { file: "comments.netrc", pythonBefore: true, pythonAfter: true },
  { file: "multiline.netrc", pythonBefore: true, pythonAfter: true },
  { file: "macdef.netrc", pythonBefore: true, pythonAfter: true },
  // Our blank line closes the open macro, which also makes the file readable by Python.
  { file: "macdef-eof.netrc", pythonBefore: false, pythonAfter: true },
  { file: "quoted.netrc", pythonBefore: true, pythonAfter: true },
  { file: "crlf.netrc", pythonBefore: true, pythonAfter: true },
  { file: "no-final-newline.netrc", pythonBefore: true, pythonAfter: true },
  { file: "default-entry.netrc", pythonBefore: true, pythonAfter: true },
  { file: "duplicates.netrc", pythonBefore: true, pythonAfter: true },
  { file: "port.netrc", pythonBefore: true, pythonAfter: true },
  { file: "one-line.netrc", pythonBefore: true, pythonAfter: true },
  { file: "comment-after-blank.netrc", pythonBefore: false, pythonAfter: false },
  { file: "existing-user-account.netrc", pythonBefore: true, pythonAfter: true },
  { file: "case.netrc", pythonBefore: true, pythonAfter: true },
  { file: "target-after-default.netrc", pythonBefore: true, pythonAfter: true },
  // Its target entry lacks a password: curl then reads it differently depending on what follows.
  { file: "missing-password.netrc", pythonBefore: true, pythonAfter: true, incomplete: TARGET },
];

interface Reading {
  python: Awaited<ReturnType<typeof resolveWithRealPython>>;
  curl: Map<string, { login: string; password: string } | null>;
}

let server: EchoServer;
let dir: string;

async function readWithRealClients(name: string, text: string): Promise<Reading> {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return { python: await resolveWithRealPython(file, HOSTS), curl: await resolveWithRealCurl(file, HOSTS, server.port) };
}

/** Our Python and curl models must predict the real tools exactly. */
function expectModelsMatch(text: string, real: Reading): void {
  const modelled = readNetrcAsPython(text);
  expect(modelled.ok, `python model readability for ${JSON.stringify(text)}`).toBe(!("error" in real.python));
  for (const host of HOSTS) {
    const curl = resolveAsCurl(text, host);
    expect(curl.ok && curl.credentials, `curl model for ${host}`).toEqual(real.curl.get(host) ?? null);
    if ("hosts" in real.python) expect(resolveAsPython(modelled, host), `python model for ${host}`).toEqual(real.python.hosts[host]);
  }
}

function parseOrThrow(text: string): NetrcDocument {
  const doc = parseNetrc(text);
  if (!doc.ok) throw new Error(doc.error.message);
  return doc.value;
}

describe.skipIf(!toolsPresent)("netrc edits as read by the real Python netrc module and curl", () => {
  beforeAll(async () => {
    server = await startEchoServer();
    dir = mkdtempSync(path.join(tmpdir(), "netrc-diff-"));
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(CASES)("upsert into $file", async ({ file, pythonBefore, pythonAfter }) => {
    const text = readFileSync(path.join(FIXTURES, file), "utf8");
    const doc = parseOrThrow(text);
    expect(serializeNetrc(doc)).toBe(text);
    const before = await readWithRealClients(`before-${file}`, text);
    expect("hosts" in before.python).toBe(pythonBefore);
    expectModelsMatch(text, before);

    const edited = upsertMachine(doc, TARGET, "__token__", NEW_TOKEN);
    if (!edited.ok) throw new Error(edited.error.message);
    const afterText = serializeNetrc(edited.value);
    expect(afterText.endsWith("\n")).toBe(true);
    const after = await readWithRealClients(`after-${file}`, afterText);
    expect("hosts" in after.python).toBe(pythonAfter);
    expectModelsMatch(afterText, after);

    const wanted = { login: "__token__", password: NEW_TOKEN };
    expect(after.curl.get(TARGET)).toEqual(wanted);
    if ("hosts" in after.python) expect(after.python.hosts[TARGET]).toEqual(wanted);
    for (const host of HOSTS.filter((h) => h !== TARGET)) {
      expect(after.curl.get(host), `curl ${host}`).toEqual(before.curl.get(host));
      if ("hosts" in after.python && "hosts" in before.python) {
        expect(after.python.hosts[host], `python ${host}`).toEqual(before.python.hosts[host]);
      }
    }
    const again = upsertMachine(edited.value, TARGET, "__token__", NEW_TOKEN);
    expect(again.ok && serializeNetrc(again.value)).toBe(afterText);
  });

  it.each(CASES)("remove a.example.test from $file", async ({ file, incomplete }) => {
    const text = readFileSync(path.join(FIXTURES, file), "utf8");
    const removed = removeMachine(parseOrThrow(text), "a.example.test");
    if (!removed.ok) throw new Error(removed.error.message);
    const afterText = serializeNetrc(removed.value);
    const before = await readWithRealClients(`rm-before-${file}`, text);
    const after = await readWithRealClients(`rm-after-${file}`, afterText);
    expectModelsMatch(afterText, after);
    expect(after.curl.get("a.example.test")).toEqual(after.curl.get("unknown.example.test"));
    for (const host of HOSTS.filter((h) => h !== "a.example.test")) {
      if (host !== incomplete) expect(after.curl.get(host), `curl ${host}`).toEqual(before.curl.get(host));
      if ("hosts" in after.python && "hosts" in before.python) {
        expect(after.python.hosts[host], `python ${host}`).toEqual(before.python.hosts[host]);
      }
    }
  });

  // Our models of Python and curl drive findMachine and the planner's notes, so check them on generated files too.
  const samples = fc.sample(netrcText(), { numRuns: 40, seed: 4242 });
  it.each(samples.map((text, i) => ({ i, text })))("models match the real tools on generated file #$i", async ({ i, text }) => {
    expectModelsMatch(text, await readWithRealClients(`sample-${i}`, text));
    const edited = upsertMachine(parseOrThrow(text), TARGET, "__token__", NEW_TOKEN);
    if (!edited.ok) throw new Error(edited.error.message);
    const afterText = serializeNetrc(edited.value);
    expectModelsMatch(afterText, await readWithRealClients(`sample-after-${i}`, afterText));
  });
});

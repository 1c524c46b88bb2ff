import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type NetrcDocument,
  parseNetrc,
  readNetrcAsPython,
  resolveAsCurl,
  resolveAsPython,
  serializeNetrc,
  upsertMachine,
} from "../src/index.js";
import { GENERATED_HOSTS, netrcText } from "./support/netrc-arbitrary.js";

const TARGET = "pkg.gatehouse.test";
const TOKEN = `gth-${"Pr0p".repeat(11)}abcdef`;

function parsed(text: string): NetrcDocument {
  const doc = parseNetrc(text);
  if (!doc.ok) throw new Error(doc.error.message);
  return doc.value;
}

function upserted(doc: NetrcDocument): NetrcDocument {
  const next = upsertMachine(doc, TARGET, "__token__", TOKEN);
  if (!next.ok) throw new Error(next.error.message);
  return next.value;
}

const otherRaws = (doc: NetrcDocument): string[] =>
  doc.items.filter((i) => i.kind === "macdef" || (i.kind === "machine" && i.host?.toLowerCase() !== TARGET))    // Allowed: the last line gains the final newline, and a macro left open at the end gets its closing blank line.
    .map((i) => (i.kind === "macdef" ? i.raw.replace(/(\r?\n){1,2}$/, "") : i.raw.replace(/\r?\n$/, "")));

/** True when upserting TARGET drops an entry: a duplicate, or one after `default` (moved before it). */
function removesAnEntry(doc: NetrcDocument): boolean {
  const kinds = doc.items.filter((i) => i.kind === "default" || (i.kind === "machine" && i.host?.toLowerCase() === TARGET));
  const targets = kinds.filter((i) => i.kind === "machine").length;
  return targets > 1 || (targets === 1 && kinds[0]?.kind === "default");
}

describe("netrc parser and editor laws", () => {
  it("serialize(parse(x)) === x for generated netrc files", () => {
    fc.assert(fc.property(netrcText(), (text) => {
        expect(serializeNetrc(parsed(text))).toBe(text);
      }), { numRuns: 300 });
  });

  it("parses any text losslessly or reports NETRC_PARSE", () => {
    const chars = fc.constantFrom("machine ", "login ", "password ", "macdef ", "default ", "x", '"', "\\", "#", " ", "\n", "\r\n", "\t");
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 40 }).map((a) => a.join("")), (text) => {
        const doc = parseNetrc(text);
        if (doc.ok) expect(serializeNetrc(doc.value)).toBe(text);
        else expect(doc.error.code).toBe("NETRC_PARSE");
      }),
      { numRuns: 500 },
    );
  });

  it("upsert is idempotent", () => {
    fc.assert(
      fc.property(netrcText(), (text) => {
        const once = upserted(parsed(text));
        expect(serializeNetrc(upserted(once))).toBe(serializeNetrc(once));
      }),
      { numRuns: 200 },
    );
  });

  it("after upsert, curl and Python (when it can read the file) resolve the new token", () => {
    fc.assert(
      fc.property(netrcText(), (text) => {
        const after = serializeNetrc(upserted(parsed(text)));
        const wanted = { login: "__token__", password: TOKEN };
        expect(resolveAsCurl(after, TARGET)).toEqual({ ok: true, credentials: wanted });
        const python = readNetrcAsPython(after);
        if (python.ok) expect(resolveAsPython(python, TARGET)).toEqual(wanted);
        // Our edit never makes a file Python could read unreadable, unless it had to remove an entry.
        if (readNetrcAsPython(text).ok && !removesAnEntry(parsed(text))) expect(python.ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("leaves every other entry and macro byte-identical and resolving as before", () => {
    fc.assert(
      fc.property(netrcText({ safeValues: true }), (text) => {
        const before = parsed(text);
        const after = upserted(before);
        expect(otherRaws(after)).toEqual(otherRaws(before));
        const afterText = serializeNetrc(after);
        const [pyBefore, pyAfter] = [readNetrcAsPython(text), readNetrcAsPython(afterText)];
        for (const host of GENERATED_HOSTS.filter((h) => h.toLowerCase() !== TARGET).concat("other.test")) {
          expect(resolveAsCurl(afterText, host)).toEqual(resolveAsCurl(text, host));
          if (pyBefore.ok && pyAfter.ok) expect(resolveAsPython(pyAfter, host)).toEqual(resolveAsPython(pyBefore, host));
        }
      }),
      { numRuns: 300 },
    );
  });
});

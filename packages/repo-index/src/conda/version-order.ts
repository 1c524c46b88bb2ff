import { type Result, fail, ok } from "../shared/result.js";

/** `post` sorts after every number, like conda's `Infinity`. */
const POST: unique symbol = Symbol("post");

/** One run of a version component: a number, a string, or the `post` marker. */
export type CondaVersionAtom = bigint | string | typeof POST;

/** A conda version split the way conda's `VersionOrder` splits it. */
export interface CondaVersion {
  /** Lowercased, trimmed, `-` replaced by `_` when conda does so. */
  normalized: string;
  /** Epoch first, then the components of the public part. */
  version: readonly (readonly CondaVersionAtom[])[];
  /** Components after `+` (empty when there is no local part). */
  local: readonly (readonly CondaVersionAtom[])[];
}

const ALLOWED = /^[*.+!_0-9a-z]+$/;
const RUNS = /[0-9]+|\*+|[^0-9*]+/g;
const DIGITS = /^[0-9]+$/;
// Missing atoms and components compare as 0, so "1.1" == "1.1.0".
const FILL = 0n;
const EMPTY: readonly CondaVersionAtom[] = [];

function invalid(raw: string, why: string): Result<CondaVersion> {
  return fail({ code: "VERSION_INVALID", message: `Invalid conda version "${raw}": ${why}.` });
}

function splitComponent(part: string): CondaVersionAtom[] | undefined {
  const runs = part.match(RUNS);
  if (runs === null) return undefined;
  const atoms: CondaVersionAtom[] = [];
  // Components must start with a number to keep numbers and strings in phase.
  if (!DIGITS.test(part.charAt(0))) atoms.push(FILL);
  for (const run of runs) {
    if (DIGITS.test(run)) atoms.push(BigInt(run));
    else if (run === "post") atoms.push(POST);
    // Upper case sorts before every lowercase string: '*' < 'DEV' < '_' < 'a'.
    else if (run === "dev") atoms.push("DEV");
    else atoms.push(run);
  }
  return atoms;
}

function splitParts(parts: readonly string[]): CondaVersionAtom[][] | undefined {
  const out: CondaVersionAtom[][] = [];
  for (const part of parts) {
    const atoms = splitComponent(part);
    if (atoms === undefined) return undefined;
    out.push(atoms);
  }
  return out;
}

function splitPublic(main: string): string[] {
  // openssl-style "1.0.1_" keeps its trailing underscore as a string run ("1_").
  if (!main.endsWith("_")) return main.replaceAll("_", ".").split(".");
  const parts = main.slice(0, -1).replaceAll("_", ".").split(".");
  parts[parts.length - 1] = `${parts.at(-1) ?? ""}_`;
  return parts;
}

/**
 * Parses a version the way conda's `VersionOrder` does (case-insensitive, epoch `N!`, local `+…`).
 * @example parseCondaVersion("1!2.0rc1+cuda").ok // true
 */
export function parseCondaVersion(raw: string): Result<CondaVersion> {
  let text = raw.trim().toLowerCase();
  if (text === "") return invalid(raw, "it is empty");
  let allowed = ALLOWED.test(text);
  if (!allowed && text.includes("-") && !text.includes("_")) {
    text = text.replaceAll("-", "_");
    allowed = ALLOWED.test(text);
  }
  if (!allowed) return invalid(raw, "only letters, digits and . _ + ! * are allowed");

  const epochSplit = text.split("!");
  if (epochSplit.length > 2) return invalid(raw, "the epoch separator '!' appears twice");
  const epoch = epochSplit.length === 2 ? (epochSplit[0] ?? "") : "0";
  if (!DIGITS.test(epoch)) return invalid(raw, "the epoch must be an integer");

  const localSplit = (epochSplit.at(-1) ?? "").split("+");
  if (localSplit.length > 2) return invalid(raw, "the local version separator '+' appears twice");
  const main = localSplit[0] ?? "";
  if (main === "") return invalid(raw, "there is no version before '+'");
  const localText = localSplit[1];

  const version = splitParts([epoch, ...splitPublic(main)]);
  const local = localText === undefined ? [] : splitParts(localText.replaceAll("_", ".").split("."));
  if (version === undefined || local === undefined) return invalid(raw, "a component is empty");
  return ok({ normalized: text, version, local });
}

function compareAtoms(a: CondaVersionAtom, b: CondaVersionAtom): number {
  if (a === b) return 0;
  const aIsString = typeof a === "string";
  const bIsString = typeof b === "string";
  // Strings sort before numbers (so "1.1a" < "1.1"), and `post` after every number.
  if (aIsString !== bIsString) return aIsString ? -1 : 1;
  if (a === POST) return 1;
  if (b === POST) return -1;
  return a < b ? -1 : 1;
}

function compareComponentLists(
  x: readonly (readonly CondaVersionAtom[])[],
  y: readonly (readonly CondaVersionAtom[])[],
): number {
  const components = Math.max(x.length, y.length);
  for (let i = 0; i < components; i++) {
    const cx = x[i] ?? EMPTY;
    const cy = y[i] ?? EMPTY;
    const atoms = Math.max(cx.length, cy.length);
    for (let j = 0; j < atoms; j++) {
      const order = compareAtoms(cx[j] ?? FILL, cy[j] ?? FILL);
      if (order !== 0) return order;
    }
  }
  return 0;
}

/** Orders two parsed versions: negative, zero or positive. */
export function compareParsedCondaVersions(a: CondaVersion, b: CondaVersion): number {
  return compareComponentLists(a.version, b.version) || compareComponentLists(a.local, b.local);
}

// Repeated comparisons (sorting, channeldata) reuse parses; bounded so memory cannot grow without end.
const CACHE_LIMIT = 50_000;
const cache = new Map<string, CondaVersion | null>();

function parseCached(raw: string): CondaVersion | null {
  const hit = cache.get(raw);
  if (hit !== undefined) return hit;
  const parsed = parseCondaVersion(raw);
  const value = parsed.ok ? parsed.value : null;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(raw, value);
  return value;
}

/**
 * Compares two conda versions by conda's `VersionOrder`; usable as a sort comparator.
 * Deviation: conda raises on invalid versions; here they sort before every valid one, and
 * among themselves by their raw text, so the comparator stays a total order.
 * @example ["1.10", "1.9", "1.10rc1"].sort(compareCondaVersion) // ["1.9", "1.10rc1", "1.10"]
 */
export function compareCondaVersion(a: string, b: string): number {
  const pa = parseCached(a);
  const pb = parseCached(b);
  if (pa !== null && pb !== null) return compareParsedCondaVersions(pa, pb);
  if (pa !== null) return 1;
  if (pb !== null) return -1;
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

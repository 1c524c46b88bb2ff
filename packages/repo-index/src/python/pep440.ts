import { fail, ok } from "../shared/result.js";
import type { Result } from "../shared/result.js";

/** A parsed PEP 440 version; numbers are plain `number`s, `normalized` is the canonical text form. */
export interface Pep440Version {
  epoch: number;
  release: number[];
  pre?: { label: "a" | "b" | "rc"; number: number };
  post?: number;
  dev?: number;
  /** Local label segments, lowercased, e.g. `["ubuntu", "1"]` for `+ubuntu-1`. */
  local?: string[];
  /** Canonical form, e.g. `1!2.0rc1.post3.dev4+abc.5`. */
  normalized: string;
  /** Canonical form without the local label. */
  public: string;
}

// The permissive grammar from PEP 440's appendix (alternate spellings allowed, normalized below).
const VERSION_RE = new RegExp(
  "^v?(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*)" +
    "(?<pre>[-_.]?(?<preL>alpha|beta|preview|pre|rc|a|b|c)[-_.]?(?<preN>[0-9]+)?)?" +
    "(?<post>-(?<postN1>[0-9]+)|[-_.]?(?<postL>post|rev|r)[-_.]?(?<postN2>[0-9]+)?)?" +
    "(?<dev>[-_.]?dev[-_.]?(?<devN>[0-9]+)?)?" +
    "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?$",
  "i",
);

const PRE_LABELS: Record<string, "a" | "b" | "rc"> = {
  a: "a",
  alpha: "a",
  b: "b",
  beta: "b",
  c: "rc",
  rc: "rc",
  pre: "rc",
  preview: "rc",
};

/** Internal exact form: numeric parts as digit strings without leading zeros, so huge numbers compare exactly. */
export interface VersionParts {
  epoch: string;
  release: string[];
  pre?: { label: "a" | "b" | "rc"; number: string };
  post?: string;
  dev?: string;
  local?: string[];
}

function trimZeros(digits: string): string {
  const trimmed = digits.replace(/^0+/, "");
  return trimmed === "" ? "0" : trimmed;
}

/** Parses a version into exact parts, or undefined when it is not PEP 440. */
export function parseVersionParts(text: string): VersionParts | undefined {
  const groups = VERSION_RE.exec(text.trim())?.groups;
  if (groups === undefined) return undefined;
  const parts: VersionParts = {
    epoch: trimZeros(groups.epoch ?? "0"),
    release: (groups.release ?? "0").split(".").map(trimZeros),
  };
  if (groups.pre !== undefined) {
    const label = PRE_LABELS[(groups.preL ?? "").toLowerCase()] ?? "rc";
    parts.pre = { label, number: trimZeros(groups.preN ?? "0") };
  }
  if (groups.post !== undefined) parts.post = trimZeros(groups.postN1 ?? groups.postN2 ?? "0");
  if (groups.dev !== undefined) parts.dev = trimZeros(groups.devN ?? "0");
  if (groups.local !== undefined) {
    parts.local = groups.local
      .toLowerCase()
      .split(/[-_.]/)
      .map((s) => (/^[0-9]+$/.test(s) ? trimZeros(s) : s));
  }
  return parts;
}

/** Renders exact parts in PEP 440 canonical form. */
export function formatVersionParts(parts: VersionParts, withLocal = true): string {
  let out = parts.epoch === "0" ? "" : `${parts.epoch}!`;
  out += parts.release.join(".");
  if (parts.pre) out += `${parts.pre.label}${parts.pre.number}`;
  if (parts.post !== undefined) out += `.post${parts.post}`;
  if (parts.dev !== undefined) out += `.dev${parts.dev}`;
  if (withLocal && parts.local) out += `+${parts.local.join(".")}`;
  return out;
}

/**
 * Parses a PEP 440 version (alternate spellings accepted and normalized).
 * @example parsePep440("1.0-RC1").value?.normalized // "1.0rc1"
 */
export function parsePep440(v: string): Result<Pep440Version> {
  const parts = parseVersionParts(v);
  if (parts === undefined) {
    return fail({ code: "VERSION_INVALID", message: `"${v}" is not a valid PEP 440 version (e.g. 1.0, 2.1rc1, 3.0.post1)` });
  }
  const version: Pep440Version = {
    epoch: Number(parts.epoch),
    release: parts.release.map(Number),
    normalized: formatVersionParts(parts),
    public: formatVersionParts(parts, false),
  };
  if (parts.pre) version.pre = { label: parts.pre.label, number: Number(parts.pre.number) };
  if (parts.post !== undefined) version.post = Number(parts.post);
  if (parts.dev !== undefined) version.dev = Number(parts.dev);
  if (parts.local) version.local = parts.local;
  return ok(version);
}

/**
 * Returns the canonical PEP 440 form of a version, or undefined when it is not PEP 440.
 * @example normalizePep440("v1.0.0-1") // "1.0.0.post1"
 */
export function normalizePep440(v: string): string | undefined {
  const parts = parseVersionParts(v);
  return parts === undefined ? undefined : formatVersionParts(parts);
}

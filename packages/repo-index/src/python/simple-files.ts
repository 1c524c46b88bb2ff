import { parsePythonFilename } from "./filename.js";
import { formatVersionParts, parseVersionParts } from "./pep440.js";
import type { VersionParts } from "./pep440.js";
import { compareMaybeParts } from "./pep440-compare.js";
import { normalizeProjectName } from "./project-name.js";

/** One downloadable file of a project, as listed on a simple API project page. */
export interface SimpleFile {
  filename: string;
  /** Relative or absolute href, without fragment. */
  url: string;
  sha256: string;
  requiresPython?: string;
  /** `true`, or the yank reason (PEP 592); any string, even empty, means yanked. */
  yanked?: boolean | string;
  /** Set when PEP 658 metadata is served at `url + ".metadata"`. */
  coreMetadataSha256?: string;
  size?: number;
  /** ISO 8601 upload time. */
  uploadTime?: string;
}

interface Keyed<T> {
  item: T;
  version: string;
  parts: VersionParts | undefined;
}

/** Sorts files by PEP 440 version (from the filename), then filename; each filename is parsed once. */
export function sortSimpleFiles(files: readonly SimpleFile[]): SimpleFile[] {
  const keyed: Keyed<SimpleFile>[] = files.map((item) => {
    const parsed = parsePythonFilename(item.filename);
    const version = parsed.ok ? parsed.value.version : "";
    return { item, version, parts: parsed.ok ? parseVersionParts(version) : undefined };
  });
  keyed.sort(
    (a, b) =>
      compareMaybeParts(a.version, a.parts, b.version, b.parts) ||
      (a.item.filename < b.item.filename ? -1 : a.item.filename > b.item.filename ? 1 : 0),
  );
  return keyed.map((k) => k.item);
}

/** Sorts versions by PEP 440 and drops those equal once normalized (`1.0` and `1.0.0` stay both; `1.0-1` and `1.0.post1` do not). */
export function sortUniqueVersions(versions: readonly string[]): string[] {
  const keyed = versions.map((version) => ({ version, parts: parseVersionParts(version) }));
  keyed.sort((a, b) => compareMaybeParts(a.version, a.parts, b.version, b.parts));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const { version, parts } of keyed) {
    const key = parts ? formatVersionParts(parts) : `!${version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(version);
  }
  return out;
}

/** The versions named by the files' filenames (files with unparsable names are left out). */
export function listFileVersions(files: readonly SimpleFile[]): string[] {
  const versions: string[] = [];
  for (const file of files) {
    const parsed = parsePythonFilename(file.filename);
    if (parsed.ok) versions.push(parsed.value.version);
  }
  return versions;
}

/** Sorts projects by normalized name and keeps the first of names that normalize alike. */
export function sortUniqueProjects(projects: readonly { name: string }[]): Array<{ name: string; normalized: string }> {
  const keyed = projects.map((p) => ({ name: p.name, normalized: normalizeProjectName(p.name) }));
  keyed.sort((a, b) => (a.normalized < b.normalized ? -1 : a.normalized > b.normalized ? 1 : 0));
  return keyed.filter((p, i) => i === 0 || keyed[i - 1]?.normalized !== p.normalized);
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for HTML element content and double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  // Most names and URLs need no escaping; skipping the replace keeps 100,000-line pages cheap.
  if (!/[&<>"']/.test(text)) return text;
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Drops any `#fragment` from an href, since the renderers add their own. */
export function stripFragment(url: string): string {
  const hash = url.indexOf("#");
  return hash === -1 ? url : url.slice(0, hash);
}

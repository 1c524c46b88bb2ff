import { readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";

/** A package file found on disk for a bulk import. */
export interface LocalFile {
  path: string;
  size: number;
}

/** What the `--path` values named: the files, and the values that named nothing. */
export interface ExpandedPaths {
  files: LocalFile[];
  missing: { path: string; reason: string }[];
}

/** What a folder walk picks up: the package formats Gatehouse takes (other files are not packages). */
const PACKAGE_SUFFIXES = [".whl", ".tar.gz", ".zip", ".conda", ".tar.bz2"];
const GLOB_CHARS = /[*?[]/;

function isPackageFile(name: string): boolean {
  return PACKAGE_SUFFIXES.some((s) => name.endsWith(s));
}

/** `**` any folders, `*` and `?` within one name, `[…]` a class; the rest literal. */
export function globToRegExp(pattern: string): RegExp {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === "*" && pattern[i + 1] === "*") {
      const slash = pattern[i + 2] === "/";
      re += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const end = pattern.indexOf("]", i + 1);
      if (end < 0) re += "\\[";
      else {
        re += `[${pattern.slice(i + 1, end).replace(/^!/, "^").replace(/\\/g, "\\\\")}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

/** Every file under dir (hidden files and folders left out), as paths relative to dir with '/'. */
function walk(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((p) => p.split(sep).join("/"))
    .filter((p) => !p.split("/").some((part) => part.startsWith(".")))
    .sort();
}

function fileAt(path: string): LocalFile | undefined {
  try {
    const s = statSync(path);
    return s.isFile() ? { path, size: s.size } : undefined;
  } catch {
    return undefined;
  }
}

function expandGlob(pattern: string): LocalFile[] {
  const parts = pattern.split("/");
  const firstGlob = parts.findIndex((p) => GLOB_CHARS.test(p));
  const base = parts.slice(0, firstGlob).join("/") || (pattern.startsWith("/") ? "/" : ".");
  const matcher = globToRegExp(parts.slice(firstGlob).join("/"));
  let entries: string[];
  try {
    entries = walk(base);
  } catch {
    return [];
  }
  return entries.filter((p) => matcher.test(p)).flatMap((p) => fileAt(join(base, p)) ?? []);
}

/**
 * Turns `--path` values into files: a file as given, a folder recursively (its package files), a
 * glob (`dist/*.whl`, `wheels/**\/*.whl`) by matching. A file named twice is taken once.
 *
 * @example expandPaths(["dist", "extra/*.whl"]) // { files: [{ path: "dist/a-1.0-py3-none-any.whl", size: 1234 }, …], missing: [] }
 */
export function expandPaths(values: readonly string[]): ExpandedPaths {
  const files: LocalFile[] = [];
  const missing: ExpandedPaths["missing"] = [];
  const seen = new Set<string>();
  const add = (f: LocalFile) => {
    const key = relative(".", f.path);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(f);
  };
  for (const value of values) {
    let stat: ReturnType<typeof statSync> | undefined;
    try {
      stat = statSync(value);
    } catch {
      stat = undefined;
    }
    if (stat?.isFile()) add({ path: value, size: stat.size });
    else if (stat?.isDirectory()) {
      const found = walk(value).filter(isPackageFile).flatMap((p) => fileAt(join(value, p)) ?? []);
      if (found.length === 0) missing.push({ path: value, reason: `the folder ${value} holds no package files (${PACKAGE_SUFFIXES.join(", ")})` });
      found.forEach(add);
    } else if (GLOB_CHARS.test(value)) {
      const found = expandGlob(value);
      if (found.length === 0) missing.push({ path: value, reason: `no file matches ${value}` });
      found.forEach(add);
    } else missing.push({ path: value, reason: `cannot read ${value}: no such file or folder` });
  }
  return { files, missing };
}

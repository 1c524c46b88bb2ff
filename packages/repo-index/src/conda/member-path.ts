import { type Result, fail, ok } from "../shared/result.js";

/** The kinds of archive member a conda package may hold. */
export type MemberKind = "file" | "directory" | "symlink" | "hardlink" | "other";

/** One archive member as seen by the safety check. */
export interface MemberHeader {
  name: string;
  kind: MemberKind;
  linkTarget?: string | undefined;
}

function unsafe(name: string, why: string): Result<string> {
  return fail({ code: "ARCHIVE_UNSAFE_PATH", message: `The archive member "${name}" was refused: ${why}.` });
}

function hasBadCharacters(path: string): boolean {
  // Backslashes become separators on Windows and drive letters make a path absolute there.
  return path.includes("\0") || path.includes("\\") || /^[A-Za-z]:/.test(path);
}

/** Strips leading "./" segments, which tar writers add and which mean nothing. */
export function normalizeMemberPath(path: string): string {
  let out = path;
  while (out.startsWith("./")) out = out.slice(2);
  while (out.endsWith("/")) out = out.slice(0, -1);
  return out === "." ? "" : out;
}

function isRelativeInside(path: string): boolean {
  return !path.startsWith("/") && !path.split("/").includes("..");
}

// A symlink target is resolved against the link's folder; it must not climb above the root.
function staysInside(linkName: string, target: string): boolean {
  if (target.startsWith("/")) return false;
  let depth = linkName.split("/").length - 1;
  for (const segment of target.split("/")) {
    if (segment === "..") depth -= 1;
    else if (segment !== "." && segment !== "") depth += 1;
    if (depth < 0) return false;
  }
  return true;
}

/**
 * Checks that a member would extract inside the target folder; returns its normalized path.
 * @example checkMember({ name: "./info/index.json", kind: "file" }) // { ok: true, value: "info/index.json" }
 */
export function checkMember(header: MemberHeader): Result<string> {
  const path = normalizeMemberPath(header.name);
  if (hasBadCharacters(header.name)) return unsafe(header.name, "its path contains NUL, '\\' or a drive letter");
  if (!isRelativeInside(path)) return unsafe(header.name, "its path is absolute or contains '..'");
  if (path === "" && header.kind !== "directory") return unsafe(header.name, "it has an empty path");
  if (header.kind === "other") return unsafe(header.name, "devices, FIFOs and other special files are not allowed");
  const target = header.linkTarget ?? "";
  if (header.kind === "hardlink" && (hasBadCharacters(target) || !isRelativeInside(normalizeMemberPath(target)))) {
    return unsafe(header.name, `its hard link target "${target}" is outside the package`);
  }
  if (header.kind === "symlink" && (hasBadCharacters(target) || !staysInside(path, target))) {
    return unsafe(header.name, `its symbolic link target "${target}" points outside the package`);
  }
  return ok(path);
}

import type { IndexError } from "../shared/result.js";

/** Why a tar member is refused, or its path split into components (first is the top-level folder). */
export type MemberCheck = { ok: true; parts: string[] } | { ok: false; error: IndexError };

const unsafe = (message: string): MemberCheck => ({ ok: false, error: { code: "ARCHIVE_UNSAFE", message } });

/** Splits an archive path into components, refusing absolute paths, "..", backslashes and NUL. */
export function splitMemberPath(name: string): MemberCheck {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a NUL in a member name is an attack, not data
  if (name.startsWith("/") || /[\\\u0000]/.test(name)) return unsafe(`the archive member "${name}" has an unsafe path`);
  const parts = name.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.includes("..")) return unsafe(`the archive member "${name}" points outside the package with ".."`);
  return { ok: true, parts };
}

/**
 * Checks that a link target stays inside `<root>/`: symlinks resolve against the member's folder,
 * hard links against the archive root.
 */
export function checkLinkTarget(parts: readonly string[], linkname: string, kind: "symlink" | "link", root: string): MemberCheck {
  if (linkname.startsWith("/")) return unsafe(`the link "${parts.join("/")}" points to an absolute path`);
  const stack = kind === "symlink" ? parts.slice(0, -1) : [];
  for (const piece of linkname.split("/")) {
    if (piece === "" || piece === ".") continue;
    if (piece === "..") stack.pop();
    else stack.push(piece);
    // Leaving the package folder even for a moment is refused: extraction tools resolve step by step.
    if (stack.length === 0 || stack[0] !== root) {
      return unsafe(`the link "${parts.join("/")}" -> "${linkname}" points outside the package folder`);
    }
  }
  return { ok: true, parts: stack };
}

import type { Permission } from "../api/types.js";

/** What each grant permission lets a group's members do (SPEC §1), in the order they widen. */
export const PERMISSIONS: readonly { value: Permission; label: string; meaning: string }[] = [
  { value: "read", label: "read", meaning: "Read the repo or package, even when the repo is authenticated." },
  { value: "write", label: "write", meaning: "Upload to the repo's sources (includes read)." },
  { value: "admin", label: "admin", meaning: "Change package access, labels and the repo's settings (includes write)." },
];

/** Shown beside every grant form: a grant never widens a token. */
export const CEILING_NOTE = "A member's token scopes stay the ceiling: a grant never lets a token do more than its scopes allow.";

/**
 * The meaning of a permission, for hints and titles.
 * @example describePermission("write") // "Upload to the repo's sources (includes read)."
 */
export function describePermission(permission: string): string {
  return PERMISSIONS.find((p) => p.value === permission)?.meaning ?? "";
}

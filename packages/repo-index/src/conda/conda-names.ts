/** Conda package names: lowercase letters, digits, `_`, `-` and `.`, not starting with `-` or `.`. */
const NAME_PATTERN = /^[a-z0-9_][a-z0-9_.-]*$/;

// Build strings never contain `-` (it separates the filename parts); `+` and `.` do occur in the wild.
const BUILD_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.+]*$/;

const MAX_NAME_LENGTH = 128;
const MAX_BUILD_LENGTH = 128;

/**
 * Whether `s` is a valid conda package name (conda-build's naming rules).
 * @example isValidCondaName("_libgcc_mutex") // true
 */
export function isValidCondaName(s: string): boolean {
  return s.length <= MAX_NAME_LENGTH && NAME_PATTERN.test(s) && !s.includes("..");
}

/** Whether `s` is usable as a conda build string (no `-`, no separators). */
export function isValidCondaBuildString(s: string): boolean {
  return s.length <= MAX_BUILD_LENGTH && BUILD_PATTERN.test(s);
}

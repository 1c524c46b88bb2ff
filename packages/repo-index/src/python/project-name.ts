// PEP 508 name grammar: ASCII letters/digits, with '.', '_' and '-' only in the middle.
const VALID_NAME = /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;

/**
 * Normalizes a Python project name per PEP 503: lowercase, runs of `-`, `_`, `.` become one `-`.
 * @example normalizeProjectName("Foo__Bar.baz") // "foo-bar-baz"
 */
export function normalizeProjectName(name: string): string {
  return name.replace(/[-_.]+/g, "-").toLowerCase();
}

/** Tells whether a string is a valid Python project name (PEP 508 / core metadata `Name`). */
export function isValidProjectName(name: string): boolean {
  return VALID_NAME.test(name);
}

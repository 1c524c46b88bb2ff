import { DomainError } from "../errors/index.js";

// Wide enough for every kind's names (PEP 508, R, conda's `_libgcc_mutex`), narrow enough to keep paths and shells safe.
const PACKAGE_NAME_RE = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,199}$/;

/**
 * Returns the trimmed package name, or throws INVALID_INPUT naming the field.
 * @example requirePackageName(" Flask ", "name") // "Flask"
 */
export function requirePackageName(name: string, field = "name"): string {
  const trimmed = name.trim();
  if (!PACKAGE_NAME_RE.test(trimmed)) {
    throw new DomainError(
      "INVALID_INPUT",
      `invalid package name '${name}': use letters, digits, '.', '_' or '-', starting with a letter, digit or '_' (at most 200 characters)`,
      field,
    );
  }
  return trimmed;
}

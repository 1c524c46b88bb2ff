import { requirePackageName } from "../blocklist/package-name.js";
import { DomainError } from "../errors/index.js";

const KEY_RE = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const MAX_VALUE = 2000;

/**
 * Folds a package name the same way for every kind, so `Data.Table`, `data_table` and `data-table` share notes.
 * @example foldPackageName("Data__Table.x") // "data-table-x"
 */
export function foldPackageName(name: string): string {
  return name.trim().toLowerCase().replace(/[-_.]+/g, "-");
}

/** Validates a package name and returns its folded form. */
export function requireNoteName(name: string): string {
  return foldPackageName(requirePackageName(name));
}

/** Returns the key, or throws INVALID_INPUT saying what a key may hold. */
export function requireNoteKey(key: string): string {
  if (!KEY_RE.test(key)) {
    throw new DomainError("INVALID_INPUT", `invalid metadata key '${key}': use 1-64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit (e.g. owner, advisory)`, "key");
  }
  return key;
}

/** Returns the value, or throws INVALID_INPUT when it is too long. */
export function requireNoteValue(value: string): string {
  if (value.length > MAX_VALUE) throw new DomainError("INVALID_INPUT", `the value may have at most ${MAX_VALUE} characters (it has ${value.length})`, "value");
  return value;
}

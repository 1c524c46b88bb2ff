/** Orders strings by UTF-16 code units, as JSON key sorting in conda tools does for ASCII keys. */
export function compareCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function hasSortedKeys(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) {
    if ((keys[i - 1] ?? "") > (keys[i] ?? "")) return false;
  }
  return true;
}

/** A shallow copy of `value` with its keys in code-unit order (JSON.stringify keeps insertion order). */
export function sortKeys<T extends Record<string, unknown>>(value: T): T {
  const keys = Object.keys(value);
  if (hasSortedKeys(keys)) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of keys.sort(compareCodeUnits)) sorted[key] = value[key];
  return sorted as T;
}


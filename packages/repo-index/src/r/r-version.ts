const PACKAGE_NAME_RE = /^[A-Za-z][A-Za-z0-9.]*[A-Za-z0-9]$/;
const VERSION_RE = /^[0-9]+([.-][0-9]+)+$/;

/** Tells whether a string is a valid R package name: ASCII letters, digits and '.', starting with a letter, not ending with '.', 2+ characters. */
export function isValidRPackageName(name: string): boolean {
  return PACKAGE_NAME_RE.test(name);
}

/** Tells whether a string is a valid R package version: at least two non-negative integers separated by '.' or '-'. */
export function isValidRVersion(v: string): boolean {
  return VERSION_RE.test(v);
}

function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+(?=.)/, "");
  const y = b.replace(/^0+(?=.)/, "");
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Compares R package versions component by component, numerically (`1.10-2` > `1.9.3`, `1.0` < `1.0.0`);
 * invalid versions sort before valid ones, by plain string compare among themselves.
 * @example ["1.10-2", "1.9.3"].sort(compareRVersion) // ["1.9.3", "1.10-2"]
 */
export function compareRVersion(a: string, b: string): number {
  const validA = isValidRVersion(a);
  const validB = isValidRVersion(b);
  if (!validA || !validB) {
    if (validA !== validB) return validA ? 1 : -1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const pa = a.split(/[.-]/);
  const pb = b.split(/[.-]/);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const c = compareDigits(pa[i] ?? "0", pb[i] ?? "0");
    if (c !== 0) return c;
  }
  return pa.length === pb.length ? 0 : pa.length < pb.length ? -1 : 1;
}

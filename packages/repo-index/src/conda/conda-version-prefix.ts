import type { CondaVersion, CondaVersionAtom } from "./version-order.js";

type Components = readonly (readonly CondaVersionAtom[])[];

// Missing atoms compare as 0, as in conda's VersionOrder (so "1.1" and "1.1.0" agree up to the last compared element).
const FILL = 0n;

function areEqual(x: Components, y: Components): boolean {
  const components = Math.max(x.length, y.length);
  for (let i = 0; i < components; i++) {
    const cx = x[i] ?? [];
    const cy = y[i] ?? [];
    const atoms = Math.max(cx.length, cy.length);
    for (let j = 0; j < atoms; j++) {
      if ((cx[j] ?? FILL) !== (cy[j] ?? FILL)) return false;
    }
  }
  return true;
}

/**
 * Whether a version starts with a prefix the way conda's `VersionOrder.startswith` decides it
 * (what `1.2.*`, `1.2*` and `=1.2` mean): components agree up to the prefix's last one, whose
 * leading atoms agree too, so `1.2.*` takes 1.2, 1.2.0, 1.2.7 and 1.2rc1 but not 1.20.
 * @example hasCondaPrefix(parse("1.2.7"), parse("1.2")) // true
 */
export function hasCondaPrefix(version: CondaVersion, prefix: CondaVersion): boolean {
  let own: Components = version.version;
  let wanted: Components = prefix.version;
  if (prefix.local.length > 0) {
    if (!areEqual(version.version, prefix.version)) return false;
    own = version.local;
    wanted = prefix.local;
  }
  const last = wanted.length - 1;
  const lastWanted = wanted[last];
  if (lastWanted === undefined) return true;
  if (!areEqual(own.slice(0, last), wanted.slice(0, last))) return false;
  const ownAtoms = own[last] ?? [];
  const lastAtom = lastWanted.length - 1;
  if (!areEqual([ownAtoms.slice(0, lastAtom)], [lastWanted.slice(0, lastAtom)])) return false;
  const ownAtom = ownAtoms[lastAtom];
  const wantedAtom = lastWanted[lastAtom];
  // A string atom must match exactly; a number matches the same number, or a string run in its place (as conda does).
  if (typeof wantedAtom === "string") return ownAtom === wantedAtom;
  return typeof ownAtom === "string" || ownAtom === wantedAtom;
}

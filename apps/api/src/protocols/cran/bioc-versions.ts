// Which R release each Bioconductor release was built for (public history, bioconductor.org/about/release-announcements).
// Releases come in pairs per R minor version since 2.x; later ones follow the same rule (see rVersionForBioc).
const KNOWN: ReadonlyArray<readonly [bioc: string, r: string]> = [
  ["1.6", "2.1"],
  ["1.7", "2.2"],
  ["1.8", "2.3"],
  ["1.9", "2.4"],
  ["2.0", "2.5"],
  ["2.1", "2.6"],
  ["2.2", "2.7"],
  ["2.3", "2.8"],
  ["2.4", "2.9"],
  ["2.5", "2.10"],
  ["2.6", "2.11"],
  ["2.7", "2.12"],
  ["2.8", "2.13"],
  ["2.9", "2.14"],
  ["2.10", "2.15"],
  ["2.11", "2.15"],
  ["2.12", "3.0"],
  ["2.13", "3.0"],
  ["2.14", "3.1"],
  ["3.0", "3.1"],
  ["3.1", "3.2"],
  ["3.2", "3.2"],
  ["3.3", "3.3"],
  ["3.4", "3.3"],
  ["3.5", "3.4"],
  ["3.6", "3.4"],
  ["3.7", "3.5"],
  ["3.8", "3.5"],
  ["3.9", "3.6"],
  ["3.10", "3.6"],
  ["3.11", "4.0"],
  ["3.12", "4.0"],
  ["3.13", "4.1"],
  ["3.14", "4.1"],
  ["3.15", "4.2"],
  ["3.16", "4.2"],
  ["3.17", "4.3"],
  ["3.18", "4.3"],
  ["3.19", "4.4"],
  ["3.20", "4.4"],
  ["3.21", "4.5"],
  ["3.22", "4.5"],
];
const R_OF = new Map(KNOWN);

/** A `major.minor` version as two numbers, or undefined when it is not one. */
export function parseMinorVersion(v: string): [number, number] | undefined {
  const m = /^(\d+)\.(\d+)$/.exec(v);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** Orders `major.minor` versions numerically (3.9 < 3.10). */
export function compareMinorVersions(a: string, b: string): number {
  const x = parseMinorVersion(a) ?? [0, 0];
  const y = parseMinorVersion(b) ?? [0, 0];
  return x[0] - y[0] || x[1] - y[1];
}

/**
 * The R `major.minor` a Bioconductor release is built for; releases after the known table follow
 * Bioconductor's rule of two releases per R 4.x minor version (3.23 → 4.6). Undefined when unknown.
 * @example rVersionForBioc("3.16") // "4.2"
 */
export function rVersionForBioc(bioc: string): string | undefined {
  const known = R_OF.get(bioc);
  if (known) return known;
  const v = parseMinorVersion(bioc);
  if (!v || v[0] !== 3 || v[1] < 11) return undefined;
  return `4.${Math.floor((v[1] - 11) / 2)}`;
}

/** The release after a Bioconductor release: what BiocManager calls devel. */
export function nextBiocVersion(bioc: string): string {
  const v = parseMinorVersion(bioc);
  return v ? `${v[0]}.${v[1] + 1}` : bioc;
}

/** Every Bioconductor release up to `last` with its R version (known ones, plus those derived up to `last`). */
export function biocVersionMap(last: string): [bioc: string, r: string][] {
  const versions = new Set(KNOWN.map(([b]) => b));
  const v = parseMinorVersion(last);
  if (v) for (let minor = 0; minor <= v[1]; minor++) versions.add(`${v[0]}.${minor}`);
  const out: [string, string][] = [];
  for (const bioc of [...versions].sort(compareMinorVersions)) {
    const r = rVersionForBioc(bioc);
    if (r !== undefined && compareMinorVersions(bioc, last) <= 0) out.push([bioc, r]);
  }
  return out;
}

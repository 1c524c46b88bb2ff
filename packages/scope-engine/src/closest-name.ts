/** Edit distance counting insertions, deletions, substitutions and swaps of neighbours (typos' usual kinds). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const above = rows[i - 1] ?? [];
      let best = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
}

/**
 * The candidate closest to a mistyped name, for "did you mean" hints: compared
 * case-insensitively, and only when close enough to be a typo (at most a third
 * of the name's length, and at least one edit, away). Ties go to the first.
 *
 * @example closestName("pypy", ["pypi", "cran"]) // "pypi"
 * @example closestName("zzz", ["pypi"]) // undefined
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const wanted = name.toLowerCase();
  const limit = Math.max(1, Math.floor(wanted.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, candidate.toLowerCase());
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

/**
 * " (did you mean 'x'?)" for the closest candidate, or "" when none is close.
 *
 * @example `no repo named 'pypy'${didYouMean("pypy", ["pypi"])}` // "no repo named 'pypy' (did you mean 'pypi'?)"
 */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const match = closestName(name, candidates);
  return match === undefined ? "" : ` (did you mean '${match}'?)`;
}

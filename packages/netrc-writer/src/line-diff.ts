/** One line of a diff: kept or removed (`index` into the old lines) or added (`index` into the new lines). */
export interface DiffOp {
  op: " " | "-" | "+";
  index: number;
}

// Past this many cells the LCS table costs too much; the diff then shows a whole replacement.
const MAX_CELLS = 4_000_000;

/** Computes a line diff (longest common subsequence) between two lists of lines. */
export function diffLines(before: readonly string[], after: readonly string[]): DiffOp[] {
  const n = before.length;
  const m = after.length;
  if (n * m > MAX_CELLS) {
    return [...before.map((_, index) => ({ op: "-" as const, index })), ...after.map((_, index) => ({ op: "+" as const, index }))];
  }
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    const row = lcs[i] as Uint32Array;
    const below = lcs[i + 1] as Uint32Array;
    for (let j = m - 1; j >= 0; j--) {
      row[j] = before[i] === after[j] ? (below[j + 1] ?? 0) + 1 : Math.max(below[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const out: DiffOp[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[i] === after[j]) {
      out.push({ op: " ", index: i });
      i++;
      j++;
    } else if (j >= m || (i < n && (lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0))) {
      out.push({ op: "-", index: i });
      i++;
    } else {
      out.push({ op: "+", index: j });
      j++;
    }
  }
  return out;
}

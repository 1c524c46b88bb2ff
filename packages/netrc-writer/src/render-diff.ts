import type { FileChange } from "./client-config-types.js";
import { type DiffOp, diffLines } from "./line-diff.js";
import { maskSecretsInText } from "./mask-secrets.js";
import { splitLines } from "./merge-output.js";

const CONTEXT = 3;

/**
 * Renders a change as a unified diff with every secret masked (`gth-XXXX…YYYY` or `****`).
 * @example
 * console.log(renderDiff(plan.changes[0]));
 * // --- /home/ana/.netrc
 * // +++ /home/ana/.netrc
 * // @@ -1,0 +1,1 @@
 * // +machine pkg.example.com login __token__ password gth-AbCd…WxYz
 */
export function renderDiff(change: FileChange): string {
  const isNetrc = change.client === "netrc";
  const before = splitLines(change.before ?? "");
  const after = splitLines(change.after);
  const shownBefore = splitLines(maskSecretsInText(change.before ?? "", isNetrc));
  const shownAfter = splitLines(maskSecretsInText(change.after, isNetrc));
  const ops = diffLines(before, after);
  const out = [`--- ${change.before === null ? "/dev/null" : change.path}`, `+++ ${change.path}`];
  for (const [from, to] of hunkRanges(ops)) {
    const hunk = ops.slice(from, to);
    const oldBefore = ops.slice(0, from).filter((o) => o.op !== "+").length;
    const newBefore = ops.slice(0, from).filter((o) => o.op !== "-").length;
    const oldCount = hunk.filter((o) => o.op !== "+").length;
    const newCount = hunk.filter((o) => o.op !== "-").length;
    const oldStart = oldCount === 0 ? oldBefore : oldBefore + 1;
    const newStart = newCount === 0 ? newBefore : newBefore + 1;
    out.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`);
    for (const op of hunk) {
      const raw = (op.op === "+" ? shownAfter : shownBefore)[op.index] ?? "";
      out.push(op.op + raw.replace(/\r?\n$/, ""));
      if (!raw.endsWith("\n")) out.push("\\ No newline at end of file");
    }
  }
  return `${out.join("\n")}\n`;
}

function hunkRanges(ops: readonly DiffOp[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  ops.forEach((op, k) => {
    if (op.op === " ") return;
    const from = Math.max(0, k - CONTEXT);
    const to = Math.min(ops.length, k + CONTEXT + 1);
    const last = ranges.at(-1);
    if (last !== undefined && from <= last[1]) last[1] = Math.max(last[1], to);
    else ranges.push([from, to]);
  });
  return ranges;
}

import type { LabelChange } from "@gatehouse/api-contract";

/** One line saying what a label edit did, for stderr. */
export function describeLabelChange(change: LabelChange): string {
  const what = [...change.added.map((l) => `+${l}`), ...change.removed.map((l) => `-${l}`)].join(" ");
  const labels = change.file.labels.join(", ");
  return what ? `${change.file.filename} in '${change.file.source}': ${what}; labels now: ${labels}` : `${change.file.filename} already had that; labels: ${labels}`;
}

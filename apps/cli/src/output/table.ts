import { safeTerminalLine } from "./terminal-text.js";

/**
 * Renders rows as an aligned text table with a header line. Cells are shown on one line each,
 * control characters escaped (they come from the server), so columns line up and nothing is
 * drawn over.
 *
 * @example
 * renderTable(["NAME", "TYPE"], [["pypi", "python"]]);
 */
export function renderTable(header: readonly string[], rawRows: readonly (readonly string[])[]): string {
  const rows = rawRows.map((r) => r.map(safeTerminalLine));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

/** A resource list as people read it. */
export function formatList(value: unknown): string {
  if (value === "*") return "*";
  return Array.isArray(value) ? (value.length ? value.join(",") : "-") : String(value);
}

import type { PackageMetadataEntry } from "@gatehouse/api-contract";
import { renderTable } from "./table.js";

/** Package notes as a table; values keep to one line so the table stays aligned. */
export function renderMetadataTable(entries: readonly PackageMetadataEntry[]): string {
  return renderTable(
    ["NAME", "KEY", "UPDATED BY", "UPDATED", "VALUE"],
    entries.map((e) => [e.name, e.key, e.updatedBy, e.updatedAt, e.value.replace(/\s*\n\s*/g, " ⏎ ")]),
  );
}

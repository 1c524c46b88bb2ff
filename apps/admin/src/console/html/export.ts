import type { AuditEvent } from "../api/types.js";

const COLUMNS = ["id", "at", "actor", "action", "target", "outcome", "address", "detail"] as const;

// A spreadsheet runs a cell that starts with one of these as a formula (CSV injection): a leading ' keeps it text.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Quotes one CSV field (RFC 4180), defusing formula-like text.
 * @example csvField('say "hi"') // '"say ""hi"""'
 */
export function csvField(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== value ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The audit rows as CSV with a header line; `detail` is the event's JSON.
 * @example auditEventsToCsv(events).split("\r\n")[0] // "id,at,actor,action,target,outcome,address,detail"
 */
export function auditEventsToCsv(events: readonly AuditEvent[]): string {
  const rows = events.map((e) =>
    COLUMNS.map((c) => {
      const value = c === "detail" ? JSON.stringify(e.detail) : e[c];
      return csvField(value === null ? "" : String(value));
    }).join(","),
  );
  return `${[COLUMNS.join(","), ...rows].join("\r\n")}\r\n`;
}

/**
 * The audit rows as pretty JSON (`{ events: [...] }`, the API's own shape).
 * @example auditEventsToJson([]) // '{\n  "events": []\n}\n'
 */
export function auditEventsToJson(events: readonly AuditEvent[]): string {
  return `${JSON.stringify({ events }, null, 2)}\n`;
}

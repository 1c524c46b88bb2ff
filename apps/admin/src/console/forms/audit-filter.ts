import type { AuditEvent } from "../api/types.js";
import { formatCliCommand } from "../html/cli-command.js";
import { type FormValues, readField } from "./form-values.js";

/** What the audit operation (`ops.system.audit`) filters by itself. */
export interface AuditQuery {
  limit: number;
  action?: string;
  actor?: string;
  /** `YYYY-MM-DD` (start of that day, UTC). */
  since?: string;
}

/** What the page filters in the loaded rows, because the API has no such parameter. */
export interface AuditLocalFilter {
  target: string;
  /** `YYYY-MM-DD`, inclusive (end of that day, UTC). */
  until: string;
}

const LIMITS = new Set([100, 500, 1000]);

/**
 * Maps the filter form to the API's query; empty fields are left out.
 * @example toAuditQuery({ action: ["token"], limit: ["500"] }) // { limit: 500, action: "token" }
 */
export function toAuditQuery(values: FormValues): AuditQuery {
  const limit = Number(readField(values, "limit"));
  const action = readField(values, "action");
  const actor = readField(values, "actor");
  const since = readField(values, "since");
  return { limit: LIMITS.has(limit) ? limit : 100, ...(action ? { action } : {}), ...(actor ? { actor } : {}), ...(since ? { since } : {}) };
}

/**
 * Reads the filters applied in the page.
 * @example toAuditLocalFilter({ target: [" repo:pypi "], until: ["2026-03-01"] }) // { target: "repo:pypi", until: "2026-03-01" }
 */
export function toAuditLocalFilter(values: FormValues): AuditLocalFilter {
  return { target: readField(values, "target"), until: readField(values, "until") };
}

/**
 * Keeps the events whose target contains the text (case-insensitive) and that happened on or before `until`.
 * @example filterAuditEvents(events, { target: "pypi", until: "" })
 */
export function filterAuditEvents(events: readonly AuditEvent[], filter: AuditLocalFilter): AuditEvent[] {
  const needle = filter.target.toLowerCase();
  const until = /^\d{4}-\d{2}-\d{2}$/.test(filter.until) ? Date.parse(`${filter.until}T23:59:59.999Z`) : Number.POSITIVE_INFINITY;
  return events.filter((e) => (needle === "" || (e.target ?? "").toLowerCase().includes(needle)) && Date.parse(e.at) <= until);
}

/**
 * `gatehouse audit` with the server-side filters (the CLI has no target or until filter either).
 * @example auditCommand({ limit: 100, action: "token", since: "2026-03-01" }) // "gatehouse audit --action token --since 2026-03-01"
 */
export function auditCommand(query: AuditQuery): string {
  return formatCliCommand(
    ["audit"],
    [
      { flag: "action", value: query.action },
      { flag: "actor", value: query.actor },
      { flag: "since", value: query.since },
      { flag: "limit", value: query.limit === 100 ? undefined : String(query.limit) },
    ],
  );
}

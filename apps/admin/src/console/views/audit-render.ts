import type { AuditEvent } from "../api/types.js";
import { formatDateTime } from "../html/format.js";
import { html, type SafeHtml } from "../html/html.js";
import { renderBadge, renderEmpty, renderOptions, renderPageHeader } from "../html/widgets.js";

const OUTCOME_TONE: Record<string, "success" | "warning" | "danger"> = { ok: "success", denied: "warning", failed: "danger" };

/** The audit screen's frame with its filters. */
export function renderAuditPage(): SafeHtml {
  return html`${renderPageHeader("Audit log", "Every admin action and authentication failure, newest first. Secrets are never recorded.")}
    <form class="toolbar audit-filters">
      <label>Action <input name="action" placeholder="e.g. token.create" size="18"></label>
      <label>Show <select name="limit">${renderOptions([
        { value: "100", label: "last 100" },
        { value: "500", label: "last 500" },
        { value: "1000", label: "last 1000" },
      ])}</select></label>
      <button type="submit" class="btn btn-secondary btn-small">Refresh</button>
    </form>
    <div class="slot-list"></div>`;
}

/**
 * One-line summary of an event's detail object.
 * @example formatDetail({ scopes: ["pypi"], user: "ci" }) // 'scopes=["pypi"] user="ci"'
 */
export function formatDetail(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
    .join(" ");
}

/** The audit table, in the order the server gives (newest first). */
export function renderAuditTable(events: readonly AuditEvent[]): SafeHtml {
  if (events.length === 0) return renderEmpty("No audit events match.");
  return html`<div class="table-wrap"><table class="data audit">
    <thead><tr><th>When</th><th>Actor</th><th>Action</th><th>Target</th><th>Outcome</th><th>From</th><th>Detail</th></tr></thead>
    <tbody>${events.map(
      (e) => html`<tr>
        <td class="small nowrap">${formatDateTime(e.at)}</td>
        <td>${e.actor}</td>
        <td><code>${e.action}</code></td>
        <td>${e.target ?? html`<span class="muted">—</span>`}</td>
        <td>${renderBadge(e.outcome, OUTCOME_TONE[e.outcome] ?? "neutral")}</td>
        <td class="small">${e.address ?? "—"}</td>
        <td class="detail small"><code>${formatDetail(e.detail)}</code></td>
      </tr>`,
    )}</tbody>
  </table></div>`;
}

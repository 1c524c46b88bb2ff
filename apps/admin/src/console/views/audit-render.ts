import type { AuditEvent } from "../api/types.js";
import { renderCliCommand } from "../html/cli-command.js";
import { formatDateTime } from "../html/format.js";
import { html, type SafeHtml } from "../html/html.js";
import { renderBadge, renderEmpty, renderOptions, renderPageHeader } from "../html/widgets.js";

const OUTCOME_TONE: Record<string, "success" | "warning" | "danger"> = { ok: "success", denied: "warning", failed: "danger" };

/** The audit screen's frame with its filters and export buttons. */
export function renderAuditPage(): SafeHtml {
  return html`${renderPageHeader(
    "Audit log",
    "Every admin action and authentication failure, newest first. Secrets are never recorded.",
    html`<button type="button" class="btn btn-secondary" data-action="export" data-format="csv">Export CSV</button><button type="button" class="btn btn-secondary" data-action="export" data-format="json">Export JSON</button>`,
  )}
    <form class="card audit-filters" autocomplete="off">
      <div class="filter-grid">
        <label>Action <input name="action" id="a-action" placeholder="token or token.create" spellcheck="false"></label>
        <label>Actor <input name="actor" id="a-actor" placeholder="alice, local, gth-AbCd…" spellcheck="false"></label>
        <label>Target contains <input name="target" id="a-target" placeholder="repo:pypi" spellcheck="false"></label>
        <label>Since <input type="date" name="since" id="a-since"></label>
        <label>Until <input type="date" name="until" id="a-until"></label>
        <label>Show <select name="limit">${renderOptions([
          { value: "100", label: "last 100" },
          { value: "500", label: "last 500" },
          { value: "1000", label: "last 1000" },
        ])}</select></label>
      </div>
      <p class="hint">Action (an action or its start), actor and since are filtered by the server; target and until are applied here, to the events loaded.</p>
      <div class="actions"><button type="submit" class="btn btn-primary btn-small">Apply</button></div>
      ${renderCliCommand("gatehouse audit", "audit")}
    </form>
    <p class="muted small audit-count" aria-live="polite"></p>
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

/**
 * How many events the table shows, and how many the page filtered out.
 * @example describeAuditCount(3, 10) // "3 of 10 loaded events match the target and until filters."
 */
export function describeAuditCount(shown: number, loaded: number): string {
  if (shown === loaded) return `${loaded} ${loaded === 1 ? "event" : "events"}.`;
  return `${shown} of ${loaded} loaded events match the target and until filters.`;
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

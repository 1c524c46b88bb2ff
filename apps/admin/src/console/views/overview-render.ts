import type { ApiResult } from "../api/client.js";
import type { AuditEvent } from "../api/types.js";
import { renderCliCommand } from "../html/cli-command.js";
import { formatDateTime } from "../html/format.js";
import { html, type SafeHtml } from "../html/html.js";
import { renderEmpty, renderFailure, renderPageHeader } from "../html/widgets.js";

/** One count on the overview, linked to its screen. */
export interface OverviewCount {
  label: string;
  hash: string;
  count: ApiResult<number>;
}

/** The overview's frame. */
export function renderOverviewPage(): SafeHtml {
  return html`${renderPageHeader("Overview", "What this server holds, what was published lately and who was turned away.")}
    <div class="slot-counts"></div>
    <div class="overview-grid">
      <section class="card" aria-labelledby="ov-uploads"><h2 id="ov-uploads">Recent uploads</h2><div class="slot-uploads"></div>${renderCliCommand("gatehouse audit --action file.publish", "uploads")}</section>
      <section class="card" aria-labelledby="ov-failures"><h2 id="ov-failures">Recent authentication failures</h2><div class="slot-failures"></div>${renderCliCommand("gatehouse audit --action auth.", "failures")}</section>
    </div>`;
}

/**
 * The count tiles; a count the token may not read says so instead of showing 0.
 * @example renderCounts([{ label: "Repos", hash: "#/repos", count: { ok: true, value: 3 } }])
 */
export function renderCounts(counts: readonly OverviewCount[]): SafeHtml {
  return html`<div class="counts">${counts.map(
    (c) => html`<a class="card count" href="${c.hash}">
      <span class="count-value">${c.count.ok ? c.count.value : "—"}</span>
      <span class="count-label">${c.label}</span>
      ${c.count.ok ? null : html`<span class="muted small">${c.count.error.status === 403 ? "not readable with this token" : c.count.error.message}</span>`}
    </a>`,
  )}</div>`;
}

/**
 * Splits a publish event's target (`source:<source>/<filename>`) into its parts.
 * @example parseUploadTarget("source:py-local/x-1.0.tar.gz") // { source: "py-local", filename: "x-1.0.tar.gz" }
 */
export function parseUploadTarget(target: string | null): { source: string | null; filename: string } {
  const match = /^source:([^/]+)\/(.+)$/.exec(target ?? "");
  return match ? { source: match[1] ?? null, filename: match[2] ?? "" } : { source: null, filename: target ?? "" };
}

function renderUpload(e: AuditEvent): SafeHtml {
  const { source, filename } = parseUploadTarget(e.target);
  return html`<li><code>${filename}</code> <span class="muted small">${source ? html`in <a href="#/sources/${encodeURIComponent(source)}">${source}</a> ` : null}by ${e.actor} · ${formatDateTime(e.at)}</span></li>`;
}

function renderFailureEvent(e: AuditEvent): SafeHtml {
  const reason = typeof e.detail.reason === "string" ? e.detail.reason : e.outcome;
  return html`<li><code>${e.action}</code> ${e.target ?? ""} <span class="muted small">${reason} · ${e.actor} from ${e.address ?? "unknown address"} · ${formatDateTime(e.at)}</span></li>`;
}

/** A short event list for an overview card, or the API's refusal. */
export function renderEventList(result: ApiResult<AuditEvent[]>, kind: "uploads" | "failures"): SafeHtml {
  if (!result.ok) return renderFailure(result.error);
  if (result.value.length === 0) return renderEmpty(kind === "uploads" ? "No uploads recorded yet." : "No authentication failures recorded.");
  return html`<ul class="event-list">${result.value.map(kind === "uploads" ? renderUpload : renderFailureEvent)}</ul>
    <p class="small"><a href="#/audit">Open the audit log</a></p>`;
}

import type { ApiFailure } from "../api/client.js";
import { type HtmlValue, html, type SafeHtml } from "./html.js";

/**
 * An error box for a failed load, with the server's message.
 * @example renderFailure({ status: 403, code: "FORBIDDEN", message: "listing tokens needs a global:admin token" })
 */
export function renderFailure(failure: ApiFailure): SafeHtml {
  return html`<div class="alert alert-error" role="alert"><strong>${failure.status === 0 ? "Offline" : failure.code}</strong> ${failure.message}</div>`;
}

/** A muted placeholder for an empty list. */
export function renderEmpty(text: string): SafeHtml {
  return html`<div class="empty">${text}</div>`;
}

/** A loading placeholder. */
export function renderLoading(): SafeHtml {
  return html`<div class="loading" aria-busy="true">Loading…</div>`;
}

/**
 * A small colored label; `tone` picks the color.
 * @example renderBadge("revoked", "danger")
 */
export function renderBadge(text: string, tone: "neutral" | "success" | "warning" | "danger" | "info" = "neutral"): SafeHtml {
  return html`<span class="badge badge-${tone}">${text}</span>`;
}

/** A list of monospace chips (scopes, source names). */
export function renderChips(items: readonly string[], empty = "none"): SafeHtml {
  if (items.length === 0) return html`<span class="muted">${empty}</span>`;
  return html`<span class="chips">${items.map((i) => html`<code class="chip">${i}</code>`)}</span>`;
}

/** What a form field is made of. */
export interface FieldOptions {
  id: string;
  label: string;
  /** API field names whose errors belong next to this field (space-separated). */
  fields: string;
  control: SafeHtml;
  hint?: HtmlValue;
}

/**
 * A labelled form field with a slot for the server's message about it.
 * @example renderField({ id: "t-user", label: "User", fields: "user", control: html`<input id="t-user" name="user">` })
 */
export function renderField(options: FieldOptions): SafeHtml {
  return html`<div class="field" data-fields="${options.fields}">
    <label for="${options.id}">${options.label}</label>
    ${options.control}
    ${options.hint ? html`<p class="hint">${options.hint}</p>` : null}
    <p class="field-error" role="alert" hidden></p>
  </div>`;
}

/** A page title with an optional lead paragraph and actions on the right. */
export function renderPageHeader(title: string, lead: HtmlValue, actions: HtmlValue = null): SafeHtml {
  return html`<header class="page-header">
    <div><h1>${title}</h1>${lead ? html`<p class="lead">${lead}</p>` : null}</div>
    <div class="page-actions">${actions}</div>
  </header>`;
}

/** `<option>`s with one selected. */
export function renderOptions(options: readonly { value: string; label: string }[], selected = ""): SafeHtml {
  return html`${options.map((o) => html`<option value="${o.value}" ${o.value === selected ? html`selected` : null}>${o.label}</option>`)}`;
}

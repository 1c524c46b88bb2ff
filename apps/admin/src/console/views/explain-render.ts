import { ACTIONS } from "@gatehouse/scope-engine";
import type { Explanation } from "../api/types.js";
import { html, type SafeHtml } from "../html/html.js";
import { renderChips, renderField, renderOptions, renderPageHeader } from "../html/widgets.js";

/** The explain screen: the question form and a slot for the answer. */
export function renderExplainPage(): SafeHtml {
  return html`${renderPageHeader("Explain", "Ask whether a token may do an action on a resource, and why.")}
    <div class="explain-layout">
      <form class="card form explain" novalidate autocomplete="off">
        <div class="form-error alert alert-error" role="alert" hidden></div>
        ${renderField({ id: "x-subject", label: "Token or GUID", fields: "token guid", control: html`<input id="x-subject" name="subject" spellcheck="false" placeholder="gth-… or a token GUID">`, hint: "Empty: your own token. A pasted token is sent in the request body, never in a URL." })}
        ${renderField({ id: "x-action", label: "Action", fields: "action", control: html`<select id="x-action" name="action">${renderOptions(ACTIONS.map((a) => ({ value: a, label: a })), "repo:read")}</select>` })}
        ${renderField({ id: "x-resource", label: "Resource", fields: "resource", control: html`<input id="x-resource" name="resource" placeholder="repo:pypi">`, hint: "repo:NAME or source:NAME; empty for global actions." })}
        <div class="actions"><button type="submit" class="btn btn-primary">Explain</button></div>
      </form>
      <div class="slot-result"></div>
    </div>`;
}

/**
 * The verdict: ALLOWED or DENIED, the explanation, and whose token it is about.
 * @example renderExplanation({ allowed: true, action: "repo:read", grantedBy: "repos:read", explanation: "…", subject: { kind: "token" } })
 */
export function renderExplanation(e: Explanation): SafeHtml {
  const subject = "display" in e.subject ? html`<code>${e.subject.display}</code> of ${e.subject.user} · ${renderChips(e.subject.scopes)}` : html`your own credentials (${e.subject.kind})`;
  return html`<section class="card verdict ${e.allowed ? "verdict-allowed" : "verdict-denied"}" aria-live="polite">
    <div class="verdict-word">${e.allowed ? "ALLOWED" : "DENIED"}</div>
    <p class="verdict-explanation">${e.explanation}</p>
    <dl class="facts">
      <dt>Action</dt><dd><code>${e.action}</code></dd>
      <dt>Granted by</dt><dd>${e.grantedBy ? html`<code>${e.grantedBy}</code>` : html`<span class="muted">nothing</span>`}</dd>
      <dt>Token</dt><dd>${subject}</dd>
    </dl>
  </section>`;
}

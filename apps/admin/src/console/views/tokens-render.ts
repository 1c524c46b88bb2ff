import { SCOPES } from "@gatehouse/scope-engine";
import type { CreatedToken, TokenInfo } from "../api/types.js";
import { formatDateTime, formatResourceList } from "../html/format.js";
import { html, type SafeHtml } from "../html/html.js";
import { renderBadge, renderChips, renderEmpty, renderField, renderPageHeader } from "../html/widgets.js";

const STATUS_TONE = { active: "success", expired: "warning", revoked: "danger" } as const;

function renderScopeGroup(style: "posit" | "anaconda", title: string): SafeHtml {
  const scopes = SCOPES.filter((s) => s.style === style && !s.deprecated);
  return html`<fieldset class="scope-group">
    <legend>${title}</legend>
    ${scopes.map(
      (s) => html`<label class="check" title="${s.summary}"><input type="checkbox" name="scopes" value="${s.name}"><code>${s.name}</code><span class="check-hint">${s.summary}</span></label>`,
    )}
  </fieldset>`;
}

/** The create-token form: every field the API takes, each with a slot for the API's message. */
export function renderTokenForm(): SafeHtml {
  return html`<form class="card form create-token" novalidate autocomplete="off">
    <h2>New token</h2>
    <div class="form-error alert alert-error" role="alert" hidden></div>
    ${renderField({ id: "t-scopes", label: "Scopes", fields: "scopes scope", control: html`<div id="t-scopes" class="scope-groups">${renderScopeGroup("posit", "Posit style")}${renderScopeGroup("anaconda", "Anaconda style")}</div>` })}
    <div class="grid-2">
      ${renderField({ id: "t-repos", label: "Repos", fields: "repos", control: html`<input id="t-repos" name="repos" placeholder="pypi, cran  or  *">`, hint: "Comma-separated repo names, * for all. Needed by repos:read." })}
      ${renderField({ id: "t-sources", label: "Sources", fields: "sources", control: html`<input id="t-sources" name="sources" placeholder="py-local  or  *">`, hint: "Comma-separated source names, * for all. Needed by sources:write." })}
      ${renderField({ id: "t-user", label: "User", fields: "user", control: html`<input id="t-user" name="user" placeholder="ci@example.com" required>`, hint: "Username or email the token acts for." })}
      ${renderField({ id: "t-expires", label: "Expires after", fields: "expires", control: html`<input id="t-expires" name="expires" placeholder="never">`, hint: "30d, 12h, 5m, 45s or never. Empty: the scope style's default." })}
    </div>
    ${renderField({ id: "t-description", label: "Description", fields: "description", control: html`<textarea id="t-description" name="description" rows="2" maxlength="500" placeholder="What the token is for" required></textarea>` })}
    <div class="actions">
      <button type="button" class="btn btn-secondary" data-action="cancel-create">Cancel</button>
      <button type="submit" class="btn btn-primary">Create token</button>
    </div>
  </form>`;
}

/** The tokens screen's frame: header, filters, slots for the form, the new token and the list. */
export function renderTokensPage(): SafeHtml {
  return html`${renderPageHeader("Tokens", "API tokens and what they may do. Secrets are never stored; only a display form is shown.", html`<button type="button" class="btn btn-primary" data-action="show-create">New token</button>`)}
    <div class="slot-created"></div>
    <div class="slot-form" hidden>${renderTokenForm()}</div>
    <form class="toolbar token-filters">
      <label class="check-inline"><input type="checkbox" name="expired" value="true"> Include expired</label>
      <label class="check-inline"><input type="checkbox" name="revoked" value="true"> Include revoked</label>
    </form>
    <div class="slot-list"></div>`;
}

/**
 * The one-time view of a new token, with a copy button and a warning that it will not be shown again.
 * @example renderCreatedToken(created)
 */
export function renderCreatedToken(created: CreatedToken): SafeHtml {
  return html`<section class="card created-token" aria-labelledby="created-title">
    <h2 id="created-title">Token created for ${created.user}</h2>
    <p class="warning"><strong>Copy it now.</strong> This is the only time the token is shown; Gatehouse keeps only its hash and cannot show it again.</p>
    <div class="copy-row">
      <input class="token-value" readonly value="${created.token}" aria-label="New token" spellcheck="false">
      <button type="button" class="btn btn-primary" data-action="copy-token">Copy</button>
    </div>
    <p class="muted">Listed as <code>${created.display}</code> · scopes ${created.scopes.join(" ")} · ${created.expiresAt ? html`expires ${formatDateTime(created.expiresAt)}` : "never expires"}</p>
    <div class="actions"><button type="button" class="btn btn-secondary" data-action="dismiss-token">I have copied it</button></div>
  </section>`;
}

function renderTokenRow(t: TokenInfo, ownGuid: string | null): SafeHtml {
  const own = t.guid === ownGuid;
  return html`<tr data-guid="${t.guid}">
    <td><code class="token-display">${t.display}</code>${own ? html` ${renderBadge("you", "info")}` : null}${t.name ? html`<div class="muted small">${t.name}</div>` : null}</td>
    <td>${t.user}</td>
    <td>${renderChips(t.scopes)}</td>
    <td class="small limits"><div><span class="muted">repos</span> ${formatResourceList(t.repos)}</div><div><span class="muted">sources</span> ${formatResourceList(t.sources)}</div></td>
    <td class="description">${t.description}</td>
    <td class="small nowrap dates">
      <div><span class="muted">created</span> ${formatDateTime(t.createdAt)}</div>
      <div><span class="muted">expires</span> ${t.expiresAt ? formatDateTime(t.expiresAt) : "never"}</div>
      <div><span class="muted">last used</span> ${t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "never"}</div>
    </td>
    <td>${renderBadge(t.status, STATUS_TONE[t.status])}${t.status === "active" && t.expiresSoon ? html` ${renderBadge("expires soon", "warning")}` : null}</td>
    <td class="row-actions">${t.status === "active" ? html`<button type="button" class="btn btn-small btn-danger-outline" data-action="revoke" data-guid="${t.guid}" data-display="${t.display}" data-own="${String(own)}">Revoke</button>` : null}</td>
  </tr>`;
}

/**
 * The token table (display forms only); the signed-in token is marked "you".
 * @example renderTokenTable(tokens, who.token?.guid ?? null)
 */
export function renderTokenTable(tokens: readonly TokenInfo[], ownGuid: string | null): SafeHtml {
  if (tokens.length === 0) return renderEmpty("No tokens match these filters.");
  return html`<div class="table-wrap"><table class="data tokens">
    <thead><tr><th>Token</th><th>User</th><th>Scopes</th><th>Repos / sources</th><th>Description</th><th>Dates</th><th>Status</th><th><span class="visually-hidden">Actions</span></th></tr></thead>
    <tbody>${tokens.map((t) => renderTokenRow(t, ownGuid))}</tbody>
  </table></div>`;
}

import type { RepoInfo } from "../api/types.js";
import { renderCliCommand } from "../html/cli-command.js";
import { html, type SafeHtml } from "../html/html.js";
import { renderBadge, renderPageHeader } from "../html/widgets.js";
import { type ClientSetup, TOKEN_PLACEHOLDER } from "./client-setup.js";

/**
 * Breadcrumb and the Packages / Setup switch shared by a repo's two pages.
 * @example renderRepoNav("pypi", "setup")
 */
export function renderRepoNav(repo: string, active: "packages" | "setup"): SafeHtml {
  const href = `#/repos/${encodeURIComponent(repo)}`;
  const tab = (key: "packages" | "setup", label: string, to: string) => html`<a class="subtab" href="${to}" ${key === active ? html`aria-current="page"` : null}>${label}</a>`;
  return html`<nav class="breadcrumb"><a href="#/repos">Repos</a> <span aria-hidden="true">/</span> <span>${repo}</span></nav>
    <nav class="subtabs" aria-label="${repo}">${tab("packages", "Packages", href)}${tab("setup", "Setup", `${href}/setup`)}</nav>`;
}

/** The setup page's frame: the snapshot to pin, the token to use, and a slot for the client sections. */
export function renderSetupPage(repo: string): SafeHtml {
  return html`${renderRepoNav(repo, "setup")}
    ${renderPageHeader(`Set up clients for ${repo}`, "Copy the configuration for your client. The token is never written into a URL you would share, except conda's /t/<token>/ channel.")}
    <form class="toolbar setup-options" autocomplete="off">
      <label>Snapshot <input type="date" name="snapshot" aria-describedby="setup-snapshot-hint"></label>
      <span class="muted small" id="setup-snapshot-hint">Empty: latest. A date serves the repo as it was at the end of that day (UTC).</span>
    </form>
    <div class="card token-help">
      <p class="slot-token-note">Replace <code>${TOKEN_PLACEHOLDER}</code> with a token that has <code>repos:read</code> for ${repo}, or create one now: it is filled in below and shown only on this page, once.</p>
      <div class="actions"><a class="btn btn-secondary" href="#/tokens">Tokens screen</a><button type="button" class="btn btn-primary" data-action="mint-token">Create a repos:read token for ${repo}</button></div>
    </div>
    <div class="slot-setup"></div>`;
}

function renderSnippet(text: string, target: string, id: string): SafeHtml {
  return html`<div class="snippet">
    <div class="snippet-head"><span class="snippet-target">${target}</span><button type="button" class="btn btn-small btn-secondary" data-action="copy-snippet" data-target="${id}" aria-label="Copy ${target}">Copy</button></div>
    <pre class="snippet-text" id="${id}" tabindex="0"><code>${text}</code></pre>
  </div>`;
}

/**
 * One section per client, each with its files and the `gatehouse client-config` command that writes them.
 * A minted token replaces the placeholder; without one the page shows `<token>`.
 * @example renderClientSetups(repo, buildClientSetups(location.origin, repo, ""), null)
 */
export function renderClientSetups(repo: Pick<RepoInfo, "name" | "type" | "authenticated">, setups: readonly ClientSetup[], token: string | null): SafeHtml {
  const fill = (text: string) => (token === null ? text : text.replaceAll(TOKEN_PLACEHOLDER, token));
  const access = repo.authenticated
    ? html`${renderBadge("authenticated", "warning")} clients need the token.`
    : html`${renderBadge("public", "success")} reading needs no token; private packages still do.`;
  return html`<p class="setup-access">${renderBadge(repo.type, "info")} ${access}</p>
    <nav class="setup-index" aria-label="Clients">${setups.map((s) => html`<a href="#setup-${s.id}" data-action="jump" data-target="setup-${s.id}">${s.title}</a>`)}</nav>
    ${setups.map(
      (s) => html`<section class="card setup-client" id="setup-${s.id}" data-client="${s.id}" aria-labelledby="setup-${s.id}-title">
        <h2 id="setup-${s.id}-title">${s.title}</h2>
        <p class="muted">${s.intro}</p>
        ${s.snippets.map((snippet, i) => renderSnippet(fill(snippet.text), snippet.target, `snippet-${s.id}-${i}`))}
        ${s.command ? renderCliCommand(s.command, `setup-${s.id}`) : null}
      </section>`,
    )}`;
}

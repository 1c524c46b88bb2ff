import type { RepoInfo, SourceInfo } from "../api/types.js";
import { html, type SafeHtml } from "../html/html.js";
import { renderBadge, renderEmpty, renderField, renderOptions, renderPageHeader } from "../html/widgets.js";
import { KIND_OPTIONS } from "./repo-kinds.js";

/** The create-repo form. */
export function renderRepoForm(): SafeHtml {
  return html`<form class="card form create-repo" novalidate autocomplete="off">
    <h2>New repo</h2>
    <div class="form-error alert alert-error" role="alert" hidden></div>
    <div class="grid-2">
      ${renderField({ id: "r-name", label: "Name", fields: "name", control: html`<input id="r-name" name="name" placeholder="pypi" required>`, hint: "Lower-case letters, digits, '.', '_' or '-'. It becomes the URL path." })}
      ${renderField({ id: "r-type", label: "Type", fields: "type", control: html`<select id="r-type" name="type">${renderOptions(KIND_OPTIONS)}</select>` })}
      ${renderField({ id: "r-description", label: "Description", fields: "description", control: html`<input id="r-description" name="description" placeholder="Optional">` })}
      ${renderField({
        id: "r-auth",
        label: "Access",
        fields: "authenticated",
        control: html`<select id="r-auth" name="authenticated">${renderOptions([
          { value: "", label: "Server default" },
          { value: "true", label: "Authenticated (token required)" },
          { value: "false", label: "Public (anyone may read)" },
        ])}</select>`,
      })}
    </div>
    <div class="actions">
      <button type="button" class="btn btn-secondary" data-action="cancel-create">Cancel</button>
      <button type="submit" class="btn btn-primary">Create repo</button>
    </div>
  </form>`;
}

/** The repos screen's frame. */
export function renderReposPage(): SafeHtml {
  return html`${renderPageHeader("Repos", "What clients install from: each serves its subscribed sources in order.", html`<button type="button" class="btn btn-primary" data-action="show-create">New repo</button>`)}
    <div class="slot-form" hidden>${renderRepoForm()}</div>
    <div class="slot-list"></div>`;
}

function renderSubscribe(repo: RepoInfo, sources: readonly SourceInfo[]): SafeHtml {
  const candidates = sources.filter((s) => !repo.sources.includes(s.name));
  if (candidates.length === 0) return html`<span class="muted small">no other sources</span>`;
  return html`<form class="subscribe inline-form" data-repo="${repo.name}">
    <select name="source" aria-label="Source to subscribe ${repo.name} to">${renderOptions(candidates.map((s) => ({ value: s.name, label: `${s.name} (${s.kind})` })))}</select>
    <button type="submit" class="btn btn-small btn-secondary">Subscribe</button>
  </form>`;
}

function renderRepoRow(repo: RepoInfo, sources: readonly SourceInfo[]): SafeHtml {
  const label = repo.authenticated ? "Authenticated" : "Public";
  return html`<tr data-repo="${repo.name}">
    <td><a href="#/repos/${encodeURIComponent(repo.name)}"><strong>${repo.name}</strong></a>${repo.description ? html`<div class="muted small">${repo.description}</div>` : null}</td>
    <td>${renderBadge(repo.type, "info")}</td>
    <td>
      <button type="button" class="switch" role="switch" aria-checked="${String(repo.authenticated)}" data-action="toggle-auth" data-repo="${repo.name}" data-authenticated="${String(repo.authenticated)}" title="Click to make it ${repo.authenticated ? "public" : "authenticated"}">
        <span class="switch-track"><span class="switch-thumb"></span></span><span class="switch-label">${label}</span>
      </button>
    </td>
    <td>${repo.sources.length === 0 ? html`<span class="muted">none</span>` : html`<ol class="source-order">${repo.sources.map((s) => html`<li><a href="#/sources/${encodeURIComponent(s)}">${s}</a></li>`)}</ol>`}</td>
    <td>${renderSubscribe(repo, sources)}</td>
    <td class="row-actions"><a class="btn btn-small btn-secondary" href="#/repos/${encodeURIComponent(repo.name)}">Packages</a><a class="btn btn-small btn-secondary" href="#/repos/${encodeURIComponent(repo.name)}/setup">Setup</a></td>
  </tr>`;
}

/** The repo table, with the subscribe picker per repo. */
export function renderRepoTable(repos: readonly RepoInfo[], sources: readonly SourceInfo[]): SafeHtml {
  if (repos.length === 0) return renderEmpty("No repos yet. Create one to start serving packages.");
  return html`<div class="table-wrap"><table class="data repos">
    <thead><tr><th>Name</th><th>Type</th><th>Access</th><th>Sources (in order)</th><th>Subscribe to</th><th><span class="visually-hidden">Pages</span></th></tr></thead>
    <tbody>${repos.map((r) => renderRepoRow(r, sources))}</tbody>
  </table></div>`;
}

import type { OrgInfo } from "../api/types.js";
import { createOrgCommand } from "../forms/org-forms.js";
import { renderCliCommand } from "../html/cli-command.js";
import { formatDateTime } from "../html/format.js";
import { html, type SafeHtml } from "../html/html.js";
import { renderEmpty, renderField, renderPageHeader } from "../html/widgets.js";

/** The "new organization" form. */
export function renderOrgForm(): SafeHtml {
  return html`<form class="card form create-org" novalidate autocomplete="off">
    <h2>New organization</h2>
    <div class="form-error alert alert-error" role="alert" hidden></div>
    <div class="grid-2">
      ${renderField({ id: "o-name", label: "Name", fields: "name", control: html`<input id="o-name" name="name" placeholder="data-science" spellcheck="false" required>`, hint: "Lower-case letters, digits, '.', '_' or '-'." })}
      ${renderField({ id: "o-owner", label: "Owner", fields: "owner", control: html`<input id="o-owner" name="owner" placeholder="alice@example.com" spellcheck="false">`, hint: "Optional: a user to add as its first owner." })}
    </div>
    ${renderCliCommand(createOrgCommand({ name: "" }), "create")}
    <div class="actions">
      <button type="button" class="btn btn-secondary" data-action="cancel-create">Cancel</button>
      <button type="submit" class="btn btn-primary">Create organization</button>
    </div>
  </form>`;
}

/** The organizations screen's frame. */
export function renderOrgsPage(): SafeHtml {
  return html`${renderPageHeader(
    "Organizations",
    "Users belong to organizations; groups inside them get read, write or admin on repos and single packages.",
    html`<button type="button" class="btn btn-primary" data-action="show-create">New organization</button>`,
  )}
    <div class="slot-form" hidden>${renderOrgForm()}</div>
    ${renderCliCommand("gatehouse list orgs", "list")}
    <div class="slot-list"></div>`;
}

/**
 * The organizations table; each name opens its members, groups and grants.
 * @example renderOrgTable(orgs)
 */
export function renderOrgTable(orgs: readonly OrgInfo[]): SafeHtml {
  if (orgs.length === 0) return renderEmpty("No organizations yet. Create one, then add groups and grant them repos.");
  return html`<div class="table-wrap"><table class="data orgs">
    <thead><tr><th>Name</th><th>Members</th><th>Groups</th><th>Created</th><th><span class="visually-hidden">Actions</span></th></tr></thead>
    <tbody>${orgs.map(
      (o) => html`<tr data-org="${o.name}">
        <td><a href="#/orgs/${encodeURIComponent(o.name)}"><strong>${o.name}</strong></a></td>
        <td>${o.members}</td>
        <td>${o.groups}</td>
        <td class="small nowrap">${formatDateTime(o.createdAt)}</td>
        <td class="row-actions">
          <a class="btn btn-small btn-secondary" href="#/orgs/${encodeURIComponent(o.name)}">Open</a>
          <button type="button" class="btn btn-small btn-danger-outline" data-action="delete-org" data-org="${o.name}">Delete</button>
        </td>
      </tr>`,
    )}</tbody>
  </table></div>`;
}

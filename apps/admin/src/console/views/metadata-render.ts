import type { MetadataFilter, PackageMetadataEntry } from "../api/types.js";
import { listMetadataCommand, setMetadataCommand } from "../forms/metadata-form.js";
import { renderCliCommand } from "../html/cli-command.js";
import { formatDateTime } from "../html/format.js";
import { html, type SafeHtml } from "../html/html.js";
import { renderEmpty, renderField, renderPageHeader } from "../html/widgets.js";

/** The set-note form; it also edits a note (same package and key overwrite it). */
export function renderMetadataForm(): SafeHtml {
  return html`<form class="card form set-metadata" novalidate autocomplete="off">
    <h2>Set a note</h2>
    <div class="form-error alert alert-error" role="alert" hidden></div>
    <div class="grid-2">
      ${renderField({ id: "m-name", label: "Package", fields: "name", control: html`<input id="m-name" name="name" placeholder="requests" spellcheck="false" required>`, hint: "Any spelling: Data.Table, data_table and data-table share notes." })}
      ${renderField({ id: "m-key", label: "Key", fields: "key", control: html`<input id="m-key" name="key" placeholder="owner" spellcheck="false" maxlength="64" required>`, hint: "a-z, 0-9, '.', '_' or '-', e.g. owner, advisory. An existing key is overwritten." })}
    </div>
    ${renderField({ id: "m-value", label: "Value", fields: "value", control: html`<textarea id="m-value" name="value" rows="2" maxlength="2000" placeholder="platform-team" required></textarea>`, hint: "At most 2000 characters. Anyone who may read the package's repo sees it." })}
    ${renderCliCommand(setMetadataCommand({ name: "", key: "", value: "" }), "set")}
    <div class="actions">
      <button type="button" class="btn btn-secondary" data-action="cancel-set">Cancel</button>
      <button type="submit" class="btn btn-primary">Save note</button>
    </div>
  </form>`;
}

/** The metadata screen's frame: header, filter, slots for the form and the list. */
export function renderMetadataPage(): SafeHtml {
  return html`${renderPageHeader(
    "Package metadata",
    "Key/value notes on packages, such as an owner or an advisory, shown in the API and to anyone who may read the package.",
    html`<button type="button" class="btn btn-primary" data-action="show-set">Set a note</button>`,
  )}
    <div class="slot-form" hidden>${renderMetadataForm()}</div>
    <form class="toolbar metadata-filters" role="search">
      <label for="m-filter">Package <input id="m-filter" name="name" type="search" placeholder="every package" spellcheck="false"></label>
      <button type="submit" class="btn btn-secondary btn-small">Filter</button>
      ${renderCliCommand(listMetadataCommand({}), "list")}
    </form>
    <div class="slot-list"></div>`;
}

function renderNoteRow(n: PackageMetadataEntry): SafeHtml {
  return html`<tr data-name="${n.name}" data-key="${n.key}">
    <td><strong>${n.name}</strong></td>
    <td><code>${n.key}</code></td>
    <td class="note-value">${n.value}</td>
    <td>${n.updatedBy}</td>
    <td class="small nowrap">${formatDateTime(n.updatedAt)}</td>
    <td class="row-actions">
      <button type="button" class="btn btn-small btn-secondary" data-action="edit-note" data-name="${n.name}" data-key="${n.key}" data-value="${n.value}" aria-label="Edit ${n.key} of ${n.name}">Edit</button>
      <button type="button" class="btn btn-small btn-danger-outline" data-action="delete-note" data-name="${n.name}" data-key="${n.key}" aria-label="Delete ${n.key} of ${n.name}">Delete</button>
    </td>
  </tr>`;
}

/**
 * The notes, by package and key as the server orders them; the empty state says what was filtered on.
 * @example renderMetadataTable(entries, { name: "requests" })
 */
export function renderMetadataTable(entries: readonly PackageMetadataEntry[], filter: MetadataFilter): SafeHtml {
  if (entries.length === 0) return renderEmpty(filter.name ? `No notes on ${filter.name}.` : "No package notes yet.");
  return html`<div class="table-wrap"><table class="data metadata">
    <thead><tr><th>Package</th><th>Key</th><th>Value</th><th>Updated by</th><th>Updated</th><th><span class="visually-hidden">Actions</span></th></tr></thead>
    <tbody>${entries.map(renderNoteRow)}</tbody>
  </table></div>`;
}

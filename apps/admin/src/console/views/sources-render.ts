import type { FileInfo, SourceInfo } from "../api/types.js";
import { formatBytes, formatDateTime } from "../html/format.js";
import { html, type SafeHtml } from "../html/html.js";
import { renderBadge, renderChips, renderEmpty, renderField, renderOptions, renderPageHeader } from "../html/widgets.js";
import { KIND_OPTIONS } from "./repo-kinds.js";

/** The create-source form. */
export function renderSourceForm(): SafeHtml {
  return html`<form class="card form create-source" novalidate autocomplete="off">
    <h2>New source</h2>
    <div class="form-error alert alert-error" role="alert" hidden></div>
    <div class="grid-2">
      ${renderField({ id: "s-name", label: "Name", fields: "name", control: html`<input id="s-name" name="name" placeholder="py-local" required>`, hint: "Lower-case letters, digits, '.', '_' or '-'." })}
      ${renderField({ id: "s-kind", label: "Kind", fields: "kind", control: html`<select id="s-kind" name="kind">${renderOptions(KIND_OPTIONS)}</select>` })}
    </div>
    ${renderField({
      id: "s-upstream",
      label: "Upstream (optional)",
      fields: "upstream",
      control: html`<input id="s-upstream" name="upstream" type="url" placeholder="https://cloud.r-project.org/">`,
      hint: "Mirror it: a PEP 503 simple index, a CRAN-like repo, a Bioconductor mirror or a conda channel. Empty: a local source that takes uploads.",
    })}
    <div class="actions">
      <button type="button" class="btn btn-secondary" data-action="cancel-create">Cancel</button>
      <button type="submit" class="btn btn-primary">Create source</button>
    </div>
  </form>`;
}

/** The sources screen's frame. */
export function renderSourcesPage(): SafeHtml {
  return html`${renderPageHeader("Sources", "Where packages live. Local sources take uploads; repos subscribe to them.", html`<button type="button" class="btn btn-primary" data-action="show-create">New source</button>`)}
    <div class="slot-form" hidden>${renderSourceForm()}</div>
    <div class="slot-list"></div>`;
}

/** The source table; each name links to its files. */
export function renderSourceTable(sources: readonly SourceInfo[]): SafeHtml {
  if (sources.length === 0) return renderEmpty("No sources yet. Create one, then upload with `gatehouse add`.");
  return html`<div class="table-wrap"><table class="data sources">
    <thead><tr><th>Name</th><th>Kind</th><th>Type</th><th>Created</th><th></th></tr></thead>
    <tbody>${sources.map(
      (s) => html`<tr data-source="${s.name}">
        <td><a href="#/sources/${encodeURIComponent(s.name)}"><strong>${s.name}</strong></a></td>
        <td>${renderBadge(s.kind, "info")}</td>
        <td>${s.type}${s.upstream ? html`<div class="muted small">${s.upstream}</div>` : null}</td>
        <td class="small nowrap">${formatDateTime(s.createdAt)}</td>
        <td class="row-actions"><a class="btn btn-small btn-secondary" href="#/sources/${encodeURIComponent(s.name)}">Files</a></td>
      </tr>`,
    )}</tbody>
  </table></div>`;
}

/** The frame of one source's file listing. */
export function renderSourceFilesPage(source: string): SafeHtml {
  return html`<nav class="breadcrumb"><a href="#/sources">Sources</a> <span aria-hidden="true">/</span> <span>${source}</span></nav>
    ${renderPageHeader(`Files in ${source}`, "Files published to this source. A removed file keeps its name reserved.")}
    <form class="toolbar file-filters"><label class="check-inline"><input type="checkbox" name="removed" value="true"> Include removed</label></form>
    <div class="slot-list"></div>`;
}

/** The file table of a source. */
export function renderFileTable(files: readonly FileInfo[]): SafeHtml {
  if (files.length === 0) return renderEmpty("No files in this source.");
  return html`<div class="table-wrap"><table class="data files">
    <thead><tr><th>File</th><th>Project</th><th>Version</th><th>Size</th><th>SHA-256</th><th>Labels</th><th>Published</th><th>Status</th></tr></thead>
    <tbody>${files.map(
      (f) => html`<tr>
        <td><code>${f.filename}</code>${f.subdir ? html`<div class="muted small">${f.subdir}</div>` : null}</td>
        <td>${f.project}</td>
        <td>${f.version}</td>
        <td class="nowrap">${formatBytes(f.size)}</td>
        <td><code class="digest" title="${f.sha256}">${f.sha256.slice(0, 12)}…</code></td>
        <td>${renderChips(f.labels, "—")}</td>
        <td class="small nowrap">${formatDateTime(f.publishedAt)}</td>
        <td>${f.removedAt ? renderBadge(`removed ${formatDateTime(f.removedAt)}`, "danger") : renderBadge("published", "success")}</td>
      </tr>`,
    )}</tbody>
  </table></div>`;
}

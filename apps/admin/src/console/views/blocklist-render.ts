import type { BlocklistRuleInfo, RepoInfo } from "../api/types.js";
import { createBlocklistRuleCommand } from "../forms/blocklist-form.js";
import { renderCliCommand } from "../html/cli-command.js";
import { formatDateTime } from "../html/format.js";
import { html, type SafeHtml } from "../html/html.js";
import { renderEmpty, renderField, renderPageHeader } from "../html/widgets.js";

/** The range syntax each repo type reads, so the hint can say what to type for the chosen repo. */
const RANGE_SYNTAX: Record<string, string> = {
  python: "PEP 440, e.g. <2.32 or >=1.0,<1.4",
  r: "R's, e.g. (< 1.2.0) or (>= 0.40)",
  bioconductor: "R's, e.g. (< 1.2.0) or (>= 0.40)",
  conda: "a conda match-spec, e.g. <1.26 or >=1.0,<2",
};

/**
 * The hint under the range field for the chosen repo's type ("" = every repo).
 * @example describeRangeSyntax("python") // "Empty: every version. Syntax: PEP 440, e.g. <2.32 or >=1.0,<1.4."
 */
export function describeRangeSyntax(type: string): string {
  const syntax = RANGE_SYNTAX[type];
  if (syntax === undefined) return "Empty: every version. Without a repo the range must be valid in PEP 440, R and conda alike (e.g. <2.0); pick a repo to use its own syntax.";
  return `Empty: every version. Syntax: ${syntax}.`;
}

/**
 * The repo picker's options: "every repo" first, then each repo with its type (read back for the range hint).
 * @example renderRepoChoices([{ name: "pypi", type: "python", … }])
 */
export function renderRepoChoices(repos: readonly Pick<RepoInfo, "name" | "type">[], selected = ""): SafeHtml {
  return html`<option value="" ${selected === "" ? html`selected` : null}>Every repo</option>${repos.map(
    (r) => html`<option value="${r.name}" data-type="${r.type}" ${r.name === selected ? html`selected` : null}>${r.name} (${r.type})</option>`,
  )}`;
}

/** The create-rule form; the repo picker is filled once `GET /__api__/repos` answers. */
export function renderBlocklistForm(): SafeHtml {
  return html`<form class="card form create-rule" novalidate autocomplete="off">
    <h2>New blocklist rule</h2>
    <div class="form-error alert alert-error" role="alert" hidden></div>
    <div class="grid-2">
      ${renderField({ id: "b-name", label: "Package", fields: "name", control: html`<input id="b-name" name="name" placeholder="requests" spellcheck="false" required>`, hint: "Any spelling the ecosystem accepts." })}
      ${renderField({ id: "b-repo", label: "Repo", fields: "repo", control: html`<select id="b-repo" name="repo">${renderRepoChoices([])}</select>`, hint: "Empty: the rule applies in every repo." })}
      ${renderField({ id: "b-versions", label: "Versions", fields: "versions", control: html`<input id="b-versions" name="versions" placeholder="every version" spellcheck="false">`, hint: html`<span class="range-hint">${describeRangeSyntax("")}</span>` })}
      ${renderField({ id: "b-reason", label: "Reason", fields: "reason", control: html`<input id="b-reason" name="reason" maxlength="500" placeholder="CVE-2024-35195" required>`, hint: "Required. Clients see it when a download is refused." })}
    </div>
    ${renderCliCommand(createBlocklistRuleCommand({ name: "", reason: "" }), "create")}
    <div class="actions">
      <button type="button" class="btn btn-secondary" data-action="cancel-create">Cancel</button>
      <button type="submit" class="btn btn-primary">Block package</button>
    </div>
  </form>`;
}

/** The blocklist screen's frame. */
export function renderBlocklistPage(): SafeHtml {
  return html`${renderPageHeader(
    "Blocklist",
    "Blocked files disappear from every index, snapshot and label, and their downloads are refused with the reason.",
    html`<button type="button" class="btn btn-primary" data-action="show-create">New rule</button>`,
  )}
    <div class="slot-form" hidden>${renderBlocklistForm()}</div>
    ${renderCliCommand("gatehouse list blocklist-rules", "list")}
    <div class="slot-list"></div>`;
}

function renderRuleRow(rule: BlocklistRuleInfo): SafeHtml {
  return html`<tr data-rule="${rule.id}">
    <td><strong>${rule.name}</strong><div class="muted small"><code>${rule.id}</code></div></td>
    <td>${rule.versions === null ? html`<span class="muted">every version</span>` : html`<code>${rule.versions}</code>`}</td>
    <td>${rule.repo ?? html`<span class="muted">every repo</span>`}</td>
    <td class="description">${rule.reason}</td>
    <td>${rule.createdBy}</td>
    <td class="small nowrap">${formatDateTime(rule.createdAt)}</td>
    <td class="row-actions"><button type="button" class="btn btn-small btn-danger-outline" data-action="delete-rule" data-id="${rule.id}" data-name="${rule.name}">Delete</button></td>
  </tr>`;
}

/**
 * The rules in force, in the server's order (oldest first).
 * @example renderBlocklistTable(rules)
 */
export function renderBlocklistTable(rules: readonly BlocklistRuleInfo[]): SafeHtml {
  if (rules.length === 0) return renderEmpty("No blocklist rules: every published file is served.");
  return html`<div class="table-wrap"><table class="data blocklist">
    <thead><tr><th>Package</th><th>Versions</th><th>Repo</th><th>Reason</th><th>Created by</th><th>Created</th><th><span class="visually-hidden">Actions</span></th></tr></thead>
    <tbody>${rules.map(renderRuleRow)}</tbody>
  </table></div>`;
}

/** Describes a rule in one phrase for notices and dialogs. */
export function describeRule(rule: Pick<BlocklistRuleInfo, "name" | "versions" | "repo">): string {
  return `${rule.name} ${rule.versions ?? "(every version)"} in ${rule.repo ?? "every repo"}`;
}

import type { VisiblePackage } from "../api/types.js";
import { packageInfoCommand } from "../forms/package-forms.js";
import { renderCliCommand } from "../html/cli-command.js";
import { html, type SafeHtml } from "../html/html.js";
import { renderEmpty, renderPageHeader } from "../html/widgets.js";
import { renderRepoNav } from "../setup/setup-render.js";

/** A repo's package browser frame: search, snapshot picker with the dated URL, and the list slot. */
export function renderPackagesPage(repo: string): SafeHtml {
  return html`${renderRepoNav(repo, "packages")}
    ${renderPageHeader(`Packages in ${repo}`, "What this repo serves you now, across its sources in order. Open a package for its files, hashes, labels and who can see it.", html`<a class="btn btn-secondary" href="#/repos/${encodeURIComponent(repo)}/setup">Set up a client</a>`)}
    <form class="toolbar package-tools" autocomplete="off" role="search">
      <label>Search <input type="search" id="pk-filter" name="q" placeholder="package name" spellcheck="false"></label>
      <label>Snapshot <input type="date" id="pk-snapshot" name="snapshot"></label>
      ${renderCliCommand(packageInfoCommand(repo, ""), "info")}
    </form>
    <p class="dated-url-line small"><span class="muted">Clients read it at</span> <code class="dated-url"></code> <span class="muted snapshot-note"></span></p>
    <div class="slot-list"></div>`;
}

/**
 * The packages as collapsible rows (a native <details>, so Enter and Space open them); each opens into its detail slot.
 * @example renderPackageList(packages)
 */
export function renderPackageList(packages: readonly VisiblePackage[]): SafeHtml {
  if (packages.length === 0) return renderEmpty("This repo serves you no packages yet: subscribe it to a source and upload to that source.");
  return html`<p class="muted small package-count">${describeCount(packages.length, packages.length)}</p>
    <div class="package-list">${packages.map(
      (p) => html`<details class="package" data-project="${p.project}" data-search="${`${p.name} ${p.project}`.toLowerCase()}">
        <summary><strong class="package-name">${p.name}</strong><span class="muted small version-count">${describeVersions(p.versions.length)}</span><code class="chip latest-version">${p.versions.at(-1) ?? ""}</code></summary>
        <div class="slot-package"></div>
      </details>`,
    )}</div>
    <p class="empty no-match" hidden>No package matches the search.</p>`;
}

/**
 * A package's version count for its row.
 * @example describeVersions(1) // "1 version"
 */
export function describeVersions(count: number): string {
  return `${count} ${count === 1 ? "version" : "versions"}`;
}

/**
 * How many packages the list shows.
 * @example describeCount(1, 2) // "1 of 2 packages"
 */
export function describeCount(shown: number, total: number): string {
  const noun = total === 1 ? "package" : "packages";
  return shown === total ? `${total} ${noun}` : `${shown} of ${total} ${noun}`;
}

/**
 * Whether a package row matches the search box (case-insensitive, on name or normalized project).
 * @example matchesSearch("requests requests", "REQ") // true
 */
export function matchesSearch(haystack: string, query: string): boolean {
  return haystack.includes(query.trim().toLowerCase());
}

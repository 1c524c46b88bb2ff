import type { FileInfo, OrgDetail, PackageAccessInfo, Permission, VisiblePackage } from "../api/types.js";
import { setPackageAccessCommand } from "../forms/package-forms.js";
import { renderCliCommand } from "../html/cli-command.js";
import { formatBytes, formatDateTime } from "../html/format.js";
import { html, type SafeHtml } from "../html/html.js";
import { renderBadge, renderChips } from "../html/widgets.js";

/** What the detail of one package is built from. */
export interface PackageDetail {
  repo: string;
  pkg: VisiblePackage;
  files: FileInfo[];
  /** One entry per source holding the package; null when the caller may not read its access. */
  access: (PackageAccessInfo | null)[];
  /** The repo's sources in order: a version is served from the first that has it. */
  sources: string[];
  /** Groups whose grants reach this package; null when the organizations are not readable. */
  grants: GrantedGroup[] | null;
  /** The package's index at the chosen snapshot. */
  indexUrl: string;
}

/** A group whose grant covers a package: on the package itself or on its whole repo. */
export interface GrantedGroup {
  org: string;
  group: string;
  permission: Permission;
  onPackage: boolean;
}

/**
 * The groups whose grants reach a package of a repo (those a private package is shown to besides its owner).
 * @example grantedGroups(orgs, "pypi", "secret-sauce") // [{ org: "ds", group: "analysts", permission: "read", onPackage: true }]
 */
export function grantedGroups(orgs: readonly OrgDetail[], repo: string, project: string): GrantedGroup[] {
  return orgs.flatMap((o) =>
    o.groupList.flatMap((g) =>
      g.grants.filter((x) => x.repo === repo && (x.package === null || x.package === project)).map((x) => ({ org: o.name, group: g.name, permission: x.permission, onPackage: x.package !== null })),
    ),
  );
}

function renderGrantedGroups(grants: readonly GrantedGroup[] | null, repo: string): SafeHtml {
  if (grants === null) return html`<p class="muted small">Granted groups are not readable with this token (it needs api:read).</p>`;
  if (grants.length === 0) return html`<p class="muted small granted-groups">No group has a grant on this package or on all of ${repo}.</p>`;
  return html`<p class="small granted-groups"><span class="muted">Granted groups:</span> ${grants.map(
    (g, i) => html`${i > 0 ? ", " : ""}<a href="#/orgs/${encodeURIComponent(g.org)}">${g.org}/${g.group}</a> ${g.permission} ${g.onPackage ? "on this package" : `on all of ${repo}`}`,
  )}</p>`;
}

function renderAccessRow(repo: string, project: string, a: PackageAccessInfo): SafeHtml {
  const who = a.private
    ? html`Only ${a.owner ? html`its owner <strong>${a.owner}</strong>, ` : null}groups granted this package or all of ${repo} (see <a href="#/orgs">Organizations</a>), and admins.`
    : html`Everyone who may read ${repo}.`;
  return html`<tr data-source="${a.source}">
    <td><a href="#/sources/${encodeURIComponent(a.source)}">${a.source}</a></td>
    <td>${a.private ? renderBadge("private", "danger") : renderBadge("public", "success")}</td>
    <td>${a.owner ?? html`<span class="muted">none</span>`}</td>
    <td class="small">${who}</td>
    <td class="row-actions"><button type="button" class="switch" role="switch" aria-checked="${String(a.private)}" data-action="toggle-access" data-source="${a.source}" data-project="${project}" data-private="${String(a.private)}" data-cli="${setPackageAccessCommand(a.source, project, !a.private)}">
      <span class="switch-track"><span class="switch-thumb"></span></span><span class="switch-label">Private</span>
    </button></td>
  </tr>`;
}

/**
 * For each served version, the source it is served from: the first of the repo's sources holding a live file of it.
 * @example servingSources(files, ["local", "mirror"], new Set(["1.0"])) // Map { "1.0" => "local" }
 */
export function servingSources(files: readonly FileInfo[], sources: readonly string[], served: ReadonlySet<string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const source of sources) {
    for (const f of files) if (f.source === source && f.removedAt === null && served.has(f.version) && !out.has(f.version)) out.set(f.version, source);
  }
  return out;
}

function renderLabels(f: FileInfo): SafeHtml {
  if (f.kind !== "conda" || f.removedAt !== null) return renderChips(f.labels, "—");
  // A conda file keeps at least one label, so the last one has no remove button.
  return html`<span class="chips">${f.labels.map(
    (l) => html`<code class="chip">${l}${f.labels.length > 1 ? html`<button type="button" class="chip-remove" data-action="remove-label" data-label="${l}" aria-label="Remove label ${l} from ${f.filename}">×</button>` : null}</code>`,
  )}</span>`;
}

function renderFileActions(f: FileInfo): SafeHtml {
  if (f.removedAt !== null) return html``;
  const python = f.kind === "wheel" || f.kind === "sdist";
  return html`${python ? html`<button type="button" class="btn btn-small btn-secondary" data-action="${f.yanked ? "unyank" : "yank"}">${f.yanked ? "Unyank" : "Yank"}</button>` : null}${f.kind === "conda" ? html`<button type="button" class="btn btn-small btn-secondary" data-action="add-label">Label</button>` : null}<button type="button" class="btn btn-small btn-danger-outline" data-action="remove-version">Remove ${f.version}</button>`;
}

function renderFileRow(f: FileInfo, servedFrom: ReadonlyMap<string, string>): SafeHtml {
  const live = f.removedAt === null && servedFrom.get(f.version) === f.source;
  return html`<tr data-source="${f.source}" data-filename="${f.filename}" data-version="${f.version}" data-project="${f.project}">
    <td><code class="filename">${f.filename}</code>${f.subdir ? html`<div class="muted small">${f.subdir}</div>` : null}</td>
    <td>${f.version}</td>
    <td class="nowrap">${formatBytes(f.size)}</td>
    <td><code class="digest-full">${f.sha256}</code></td>
    <td><a href="#/sources/${encodeURIComponent(f.source)}">${f.source}</a></td>
    <td>${renderLabels(f)}</td>
    <td class="small nowrap">${formatDateTime(f.publishedAt)}</td>
    <td>${f.yanked ? html`<span title="${f.yankedReason ?? ""}">${renderBadge("yanked", "warning")}</span> ` : null}${f.removedAt ? renderBadge("removed", "danger") : live ? renderBadge("served", "success") : html`<span title="Another source serves this version first, or a rule hides it">${renderBadge("not served", "neutral")}</span>`}</td>
    <td class="row-actions">${renderFileActions(f)}</td>
  </tr>`;
}

/**
 * One package: served versions, who can see it per source (with the private switch), and every file with its hash.
 * @example renderPackageDetail({ repo: "pypi", pkg, files, access, indexUrl })
 */
export function renderPackageDetail(detail: PackageDetail): SafeHtml {
  const { repo, pkg } = detail;
  const servedFrom = servingSources(detail.files, detail.sources, new Set(pkg.versions));
  const access = detail.access.filter((a): a is PackageAccessInfo => a !== null);
  return html`<div class="package-detail">
    <p><span class="muted">Versions served:</span> ${renderChips(pkg.versions)}</p>
    <p class="small"><span class="muted">Index:</span> <code class="package-url">${detail.indexUrl}</code></p>
    <h3>Who can see it</h3>
    ${access.length === 0
      ? html`<p class="muted small">Access is not readable with this token (it needs api:read).</p>`
      : html`<div class="table-wrap flat"><table class="data access"><thead><tr><th>Source</th><th>Visibility</th><th>Owner</th><th>Who sees it</th><th>Private</th></tr></thead><tbody>${access.map((a) => renderAccessRow(repo, pkg.project, a))}</tbody></table></div>
        ${renderCliCommand(setPackageAccessCommand(access[0]?.source ?? "SOURCE", pkg.project, !(access[0]?.private ?? false)), "access")}`}
    ${renderGrantedGroups(detail.grants, repo)}
    <h3>Files</h3>
    ${detail.files.length === 0
      ? html`<p class="muted small">No files are listed for this package in the repo's sources.</p>`
      : html`<div class="table-wrap flat"><table class="data package-files"><thead><tr><th>File</th><th>Version</th><th>Size</th><th>SHA-256</th><th>Source</th><th>Labels</th><th>Published</th><th>Status</th><th><span class="visually-hidden">Actions</span></th></tr></thead><tbody>${detail.files.map((f) => renderFileRow(f, servedFrom))}</tbody></table></div>`}
  </div>`;
}

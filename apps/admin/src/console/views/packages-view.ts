import { getPackageAccess, getRepo, listProjectFiles, listRepoPackages, setPackageAccess } from "../api/package-endpoints.js";
import { getOrg, listOrgs } from "../api/identity-endpoints.js";
import type { FileInfo, OrgDetail, RepoInfo, VisiblePackage } from "../api/types.js";
import type { ApiClient } from "../api/client.js";
import { confirmAction, notify } from "../dom/dialogs.js";
import { onAction, pick, setHtml } from "../dom/elements.js";
import { packageInfoCommand } from "../forms/package-forms.js";
import { renderFailure, renderLoading } from "../html/widgets.js";
import { packageIndexUrl, repoIndexUrl } from "../setup/repo-urls.js";
import { wirePackageActions } from "./package-actions.js";
import { grantedGroups, renderPackageDetail } from "./package-detail-render.js";
import { describeCount, describeVersions, matchesSearch, renderPackageList, renderPackagesPage } from "./packages-render.js";
import type { MountView } from "./view.js";

// Files of every source the repo subscribes to (a source the token may not list contributes none).
async function loadFiles(api: ApiClient, repo: RepoInfo, project: string): Promise<FileInfo[]> {
  const results = await Promise.all(repo.sources.map((s) => listProjectFiles(api, s, project)));
  return results.flatMap((r) => (r.ok ? r.value : []));
}

// Every organization with its groups' grants, or null when the token may not read them.
async function loadOrgs(api: ApiClient): Promise<OrgDetail[] | null> {
  const orgs = await listOrgs(api);
  if (!orgs.ok) return null;
  const details = await Promise.all(orgs.value.map((o) => getOrg(api, o.name)));
  return details.flatMap((d) => (d.ok ? [d.value] : []));
}

/** A repo's package browser: search, snapshot URL, and per package its files, hashes, labels and privacy switch. */
export function mountPackagesView(repoName: string): MountView {
  return (root, { api }) => {
    setHtml(root, renderPackagesPage(repoName));
    const list = pick(root, ".slot-list", HTMLElement);
    const search = pick(root, "#pk-filter", HTMLInputElement);
    const snapshot = pick(root, "#pk-snapshot", HTMLInputElement);
    let repo: RepoInfo | null = null;
    let packages: VisiblePackage[] = [];
    // Loaded when the first package opens; grants change on the Organizations screen, which remounts this one.
    let orgs: Promise<OrgDetail[] | null> | null = null;

    function showDatedUrl(): void {
      if (repo === null) return;
      pick(root, ".dated-url", HTMLElement).textContent = repoIndexUrl(window.location.origin, repo, snapshot.value);
      pick(root, ".snapshot-note", HTMLElement).textContent = snapshot.value ? "(the list below shows what is served now)" : "";
      for (const open of list.querySelectorAll<HTMLElement>("details.package[open]")) void loadDetail(open);
    }

    function applySearch(): void {
      let shown = 0;
      for (const row of list.querySelectorAll<HTMLElement>("details.package")) {
        row.hidden = !matchesSearch(row.dataset.search ?? "", search.value);
        if (!row.hidden) shown++;
      }
      const none = list.querySelector<HTMLElement>(".no-match");
      if (none) none.hidden = shown > 0;
      const count = list.querySelector(".package-count");
      if (count) count.textContent = describeCount(shown, packages.length);
      const first = list.querySelector<HTMLElement>("details.package:not([hidden])");
      pick(root, "[data-cli=info] .cli-text", HTMLElement).textContent = packageInfoCommand(repoName, search.value.trim() === "" ? "" : (first?.querySelector(".package-name")?.textContent ?? search.value.trim()));
    }

    async function loadDetail(row: HTMLElement): Promise<void> {
      const project = row.dataset.project ?? "";
      const pkg = packages.find((p) => p.project === project);
      const slot = row.querySelector<HTMLElement>(".slot-package");
      if (repo === null || pkg === undefined || slot === null) return;
      if (slot.childElementCount === 0) setHtml(slot, renderLoading());
      // The row's summary follows the versions served now (a removal or a yank may have changed them).
      const count = row.querySelector(".version-count");
      if (count) count.textContent = describeVersions(pkg.versions.length);
      const latest = row.querySelector(".latest-version");
      if (latest) latest.textContent = pkg.versions.at(-1) ?? "";
      orgs ??= loadOrgs(api);
      const [files, orgDetails] = await Promise.all([loadFiles(api, repo, project), orgs]);
      const holders = [...new Set(files.map((f) => f.source))];
      const access = await Promise.all(holders.map(async (s) => {
        const r = await getPackageAccess(api, s, project);
        return r.ok ? r.value : null;
      }));
      setHtml(slot, renderPackageDetail({ repo: repoName, pkg, files, access, sources: repo.sources, grants: orgDetails === null ? null : grantedGroups(orgDetails, repoName, project), indexUrl: packageIndexUrl(window.location.origin, repo, project, snapshot.value) }));
    }

    // <details> fires "toggle" (it does not bubble), so listen in the capture phase on the list.
    list.addEventListener("toggle", (event) => {
      const row = event.target;
      if (row instanceof HTMLDetailsElement && row.open) void loadDetail(row);
    }, true);
    search.addEventListener("input", applySearch);
    snapshot.addEventListener("input", showDatedUrl);
    pick(root, "form.package-tools", HTMLFormElement).addEventListener("submit", (event) => event.preventDefault());
    // After a change the served versions may differ, so the list is asked again before the package is redrawn.
    wirePackageActions(list, api, async (row) => {
      const details = row.closest("details.package");
      const fresh = await listRepoPackages(api, repoName);
      if (fresh.ok) packages = fresh.value;
      if (!(details instanceof HTMLElement)) return;
      if (packages.some((p) => p.project === details.dataset.project)) return loadDetail(details);
      details.remove();
    });

    onAction(list, "toggle-access", async (button) => {
      const source = button.dataset.source ?? "";
      const project = button.dataset.project ?? "";
      const next = button.dataset.private !== "true";
      const ok = await confirmAction({
        title: next ? `Make ${project} private?` : `Make ${project} public?`,
        message: next
          ? `Only its owner and groups granted this package (or all of ${repoName}) will see it, in every repo that serves ${source}; everyone else gets 404 as if it did not exist.`
          : `Everyone who may read a repo serving ${source} will see and download ${project}.`,
        confirmLabel: next ? "Make private" : "Make public",
        danger: !next,
        command: button.dataset.cli ?? "",
      });
      if (!ok) return;
      const result = await setPackageAccess(api, source, project, { private: next });
      if (!result.ok) return notify(result.error.message, "error");
      notify(`${project} in ${source} is now ${next ? "private" : "public"}`, "success");
      const row = button.closest("details.package");
      if (row instanceof HTMLElement) void loadDetail(row);
    });

    async function load(): Promise<void> {
      const [repoResult, pkgResult] = await Promise.all([getRepo(api, repoName), listRepoPackages(api, repoName)]);
      if (!repoResult.ok) return setHtml(list, renderFailure(repoResult.error));
      if (!pkgResult.ok) return setHtml(list, renderFailure(pkgResult.error));
      repo = repoResult.value;
      packages = pkgResult.value;
      setHtml(list, renderPackageList(packages));
      showDatedUrl();
      applySearch();
    }
    setHtml(list, renderLoading());
    void load();
  };
}

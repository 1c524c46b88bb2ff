import type { ApiResult } from "../api/client.js";
import { listAuditEvents, listTokens } from "../api/endpoints.js";
import { listRepos, listSources } from "../api/repo-endpoints.js";
import { listOrgs } from "../api/identity-endpoints.js";
import { pick, setHtml } from "../dom/elements.js";
import { renderLoading } from "../html/widgets.js";
import { renderCounts, renderEventList, renderOverviewPage } from "./overview-render.js";
import type { MountView } from "./view.js";

const RECENT = 8;

function countOf<T>(result: ApiResult<T[]>): ApiResult<number> {
  return result.ok ? { ok: true, value: result.value.length } : result;
}

/** Overview: counts of repos, sources, active tokens and orgs; recent uploads and authentication failures. */
export const mountOverviewView: MountView = (root, { api }) => {
  setHtml(root, renderOverviewPage());
  const counts = pick(root, ".slot-counts", HTMLElement);
  const uploads = pick(root, ".slot-uploads", HTMLElement);
  const failures = pick(root, ".slot-failures", HTMLElement);
  for (const slot of [counts, uploads, failures]) setHtml(slot, renderLoading());

  void (async () => {
    const [repos, sources, tokens, orgs] = await Promise.all([listRepos(api), listSources(api), listTokens(api, { expired: false, revoked: false }), listOrgs(api)]);
    setHtml(
      counts,
      renderCounts([
        { label: "Repos", hash: "#/repos", count: countOf(repos) },
        { label: "Sources", hash: "#/sources", count: countOf(sources) },
        { label: "Active tokens", hash: "#/tokens", count: countOf(tokens) },
        { label: "Organizations", hash: "#/orgs", count: countOf(orgs) },
      ]),
    );
  })();
  void (async () => setHtml(uploads, renderEventList(await listAuditEvents(api, { limit: RECENT, action: "file.publish" }), "uploads")))();
  // "auth." matches both auth.failure (bad or missing credentials) and auth.forbidden (a token without the scope).
  void (async () => setHtml(failures, renderEventList(await listAuditEvents(api, { limit: RECENT, action: "auth." }), "failures")))();
};

import type { ApiResult } from "../api/client.js";
import { listAuditEvents, listRepos, listSources, listTokens } from "../api/endpoints.js";
import { listOrgs } from "../api/identity-endpoints.js";
import type { AuditEvent } from "../api/types.js";
import { pick, setHtml } from "../dom/elements.js";
import { renderLoading } from "../html/widgets.js";
import { mergeNewestFirst, renderCounts, renderEventList, renderOverviewPage } from "./overview-render.js";
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
  void (async () => {
    // The API matches one exact action per query, so the two failure kinds are asked for apart and merged.
    const [failed, forbidden] = await Promise.all([listAuditEvents(api, { limit: RECENT, action: "auth.failure" }), listAuditEvents(api, { limit: RECENT, action: "auth.forbidden" })]);
    const merged: ApiResult<AuditEvent[]> = !failed.ok ? failed : !forbidden.ok ? forbidden : { ok: true, value: mergeNewestFirst([failed.value, forbidden.value], RECENT) };
    setHtml(failures, renderEventList(merged, "failures"));
  })();
};

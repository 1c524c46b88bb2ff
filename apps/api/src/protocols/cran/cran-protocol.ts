import { type RepoView, parseSnapshot, selectVisibleFiles } from "@gatehouse/domain";
import { parseRTarballFilename } from "@gatehouse/repo-index";
import { ApiError } from "../../http/api-error.js";
import { type CachedPage, makePage, respondWithPage } from "../cached-page.js";
import type { ProtocolHandler, ProtocolRequest } from "../protocol.js";
import type { ProtocolDeps } from "../repo-routes.js";
import { serveBlob } from "../shared/serve-blob.js";
import { renderBiocConfig } from "./bioc-config.js";
import type { ContribFolder, CranRoute, CranTarget } from "./cran-route.js";
import { parseCranRoute } from "./cran-route.js";
import { LatestEntries } from "./latest-entries.js";
import { buildPackagesEntries } from "./packages-entries.js";
import { pickIndexFile, renderPackagesIndex } from "./packages-index.js";

/** Which files a folder holds: none, every R file of the repo, or those of one Bioconductor release. */
type FolderFiles = { kind: "none" } | { kind: "all" } | { kind: "bioc"; version: string };

function filesOf(view: RepoView, folder: ContribFolder, release: string): FolderFiles {
  if (view.repo.type !== "bioconductor") return { kind: "all" };
  if (!folder.bioc) return { kind: "bioc", version: release };
  // Every upload is a software package: the other sections are served, empty, because BiocManager reads them all.
  return folder.bioc.section === "bioc" ? { kind: "bioc", version: folder.bioc.version } : { kind: "none" };
}

function notFound(view: RepoView, route: CranRoute, what: string): ApiError {
  return new ApiError("NOT_FOUND", `${what} is not in repo '${view.repo.name}' (snapshot ${route.snapshot})`);
}

/** R and Bioconductor repos: CRAN layout (PACKAGES, tarballs, Archive), Bioconductor config and layout. */
export function cranProtocol(deps: ProtocolDeps): ProtocolHandler {
  const release = deps.domain.settings.biocRelease;
  const config = makePage(renderBiocConfig(release), "text/yaml; charset=utf-8");
  const latest = new LatestEntries(deps.domain);

  function loadIndex(view: RepoView, route: CranRoute, folder: ContribFolder, at: Date | null): Promise<CachedPage> {
    const files = filesOf(view, folder, release);
    const key = `PACKAGES|${route.snapshot}|${files.kind === "bioc" ? files.version : files.kind}`;
    const sourceIds = view.sources.map((s) => s.id);
    return deps.cache.get(view.repo, sourceIds, key, "*", async () => {
      if (files.kind === "none") return renderPackagesIndex([]).plain;
      const filter = files.kind === "bioc" ? { biocVersion: files.version } : {};
      if (at === null) {
        const current = await latest.load(view, key, filter);
        return renderPackagesIndex(current.entries, current.text).plain;
      }
      return renderPackagesIndex(buildPackagesEntries(await selectVisibleFiles(deps.domain.db, view, at, filter))).plain;
    });
  }

  async function download(view: RepoView, route: CranRoute, target: Extract<CranTarget, { kind: "download" }>, at: Date | null, request: Request) {
    const parsed = parseRTarballFilename(target.filename);
    const files = filesOf(view, target.folder, release);
    if (!parsed.ok || files.kind === "none" || (target.archiveOf !== null && target.archiveOf !== parsed.value.package)) {
      throw notFound(view, route, target.filename);
    }
    const rows = await selectVisibleFiles(deps.domain.db, view, at, {
      filename: target.filename,
      ...(files.kind === "bioc" ? { biocVersion: files.version } : {}),
    });
    // Any visible version is served from both places, so a client holding a just-outdated index still succeeds.
    const file = rows.find((r) => r.kind === "r-source");
    if (!file) throw notFound(view, route, target.filename);
    // Tarball URLs name a file, not its digest, so caches revalidate (a 304 on the sha256 ETag).
    return serveBlob(deps.domain.blobs, { sha256: file.sha256, size: file.size, contentType: "application/x-gzip", caching: "revalidate" }, request);
  }

  return {
    async handle({ c, view, segments }: ProtocolRequest): Promise<Response> {
      const method = c.req.method;
      const route = parseCranRoute(segments, view.repo.type === "bioconductor");
      if (!route || (method !== "GET" && method !== "HEAD")) {
        throw new ApiError("ROUTE_NOT_FOUND", `no such resource: ${method} ${c.env?.redactedPath ?? c.req.path}`);
      }
      const at = parseSnapshot(route.snapshot);
      const { target } = route;
      const request = c.req.raw;
      if (target.kind === "config") return respondWithPage(config, request, method === "HEAD");
      if (target.kind === "download") return download(view, route, target, at, request);
      const page = pickIndexFile(await loadIndex(view, route, target.folder, at), target.file);
      return respondWithPage(page, request, method === "HEAD");
    },
  };
}

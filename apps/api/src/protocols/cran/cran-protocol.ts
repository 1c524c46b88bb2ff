import { type BiocSection, type CatalogFilter, type MirrorIndex, type RepoReader, parseSnapshot } from "@gatehouse/domain";
import { parseRTarballFilename } from "@gatehouse/repo-index";
import { ApiError } from "../../http/api-error.js";
import { type CachedPage, makePage, respondWithPage } from "../cached-page.js";
import type { ProtocolHandler } from "../protocol.js";
import type { ProtocolDeps } from "../protocol-deps.js";
import { fileOrRefusal } from "../shared/blocked-download.js";
import { pageOptionsOf } from "../shared/page-options.js";
import { serveBlob } from "../shared/serve-blob.js";
import { throwUnknownPath } from "../unknown-path.js";
import { serveArchiveRds } from "./archive-rds.js";
import { renderBiocConfig } from "./bioc-config.js";
import type { ContribFolder, CranRoute, CranTarget, IndexFile } from "./cran-route.js";
import { parseCranRoute } from "./cran-route.js";
import { buildPackagesEntries } from "./packages-entries.js";
import { PackagesIndexes } from "./packages-incremental.js";
import { pickIndexFile, renderPackagesIndex, siblingsOf } from "./packages-index.js";

/** Which files a folder holds: none, every R file of the repo, or those of one Bioconductor release. */
type FolderFiles = { kind: "none" } | { kind: "all" } | { kind: "bioc"; version: string; section: BiocSection };

function filesOf(reader: RepoReader, folder: ContribFolder, release: string): FolderFiles {
  if (reader.repo.type !== "bioconductor") return { kind: "all" };
  if (!folder.bioc) return { kind: "bioc", version: release, section: "bioc" };
  // Uploads are software packages; the other sections hold what a remote Bioconductor source mirrors (else served empty: BiocManager reads them all).
  return { kind: "bioc", version: folder.bioc.version, section: folder.bioc.section };
}

/** The upstream index a folder mirrors from the repo's remote sources. */
function mirrorIndexOf(files: FolderFiles): MirrorIndex | undefined {
  if (files.kind === "all") return { kind: "cran" };
  return files.kind === "bioc" ? { kind: "bioc", version: files.version, section: files.section } : undefined;
}

function filterOf(files: FolderFiles): CatalogFilter {
  return files.kind === "bioc" ? { biocVersion: files.version, biocSection: files.section } : {};
}

function notFound(reader: RepoReader, route: CranRoute, what: string): ApiError {
  return new ApiError("NOT_FOUND", `${what} is not in repo '${reader.repo.name}' (snapshot ${route.snapshot})`);
}

/** R and Bioconductor repos: CRAN layout (PACKAGES, tarballs, Archive), Bioconductor config and layout. */
export function cranProtocol(deps: ProtocolDeps): ProtocolHandler {
  const release = deps.domain.settings.biocRelease;
  const config = makePage(renderBiocConfig(release), "text/yaml; charset=utf-8");
  const latest = new PackagesIndexes(deps.domain);
  const empty = renderPackagesIndex([]);

  async function loadIndex(reader: RepoReader, route: CranRoute, folder: ContribFolder, at: Date | null, file: IndexFile): Promise<CachedPage> {
    const files = filesOf(reader, folder, release);
    if (files.kind === "none") return pickIndexFile(empty, file);
    const folderKey = `PACKAGES|${route.snapshot}|${files.kind === "bioc" ? `${files.version}|${files.section}` : files.kind}`;
    const filter = filterOf(files);
    const render = async () => renderPackagesIndex(buildPackagesEntries(await reader.files(at, filter)));
    // `latest` is kept incrementally; a read that raced a change renders in full, uncached.
    if (at === null) return (await latest.load(reader, folderKey, filter, file)) ?? pickIndexFile(await render(), file);
    return pickIndexFile(siblingsOf(await deps.cache.get(reader, `${folderKey}|${reader.viewerKey}`, "*", async () => (await render()).plain)), file);
  }

  async function download(reader: RepoReader, route: CranRoute, target: Extract<CranTarget, { kind: "download" }>, at: Date | null, request: Request) {
    const parsed = parseRTarballFilename(target.filename);
    const files = filesOf(reader, target.folder, release);
    if (!parsed.ok || files.kind === "none" || (target.archiveOf !== null && target.archiveOf !== parsed.value.package)) {
      throw notFound(reader, route, target.filename);
    }
    // Any visible version is served from both places, so a client holding a just-outdated index still succeeds.
    const index = mirrorIndexOf(files);
    if (index) await reader.refreshMirrorIndex(index, at);
    const lookup = await reader.find(at, { filename: target.filename, ...filterOf(files) });
    const file = fileOrRefusal(lookup, () => notFound(reader, route, target.filename));
    // Tarball URLs name a file, not its digest, so caches revalidate (a 304 on the sha256 ETag).
    return serveBlob(deps.domain.blobs, { sha256: file.sha256, size: file.size, contentType: "application/x-gzip", caching: "revalidate" }, request);
  }

  return {
    async read({ c, reader, segments }) {
      const route = parseCranRoute(segments, reader.repo.type === "bioconductor");
      if (!route) return throwUnknownPath(c, reader.repo);
      const at = parseSnapshot(route.snapshot);
      const { target } = route;
      const request = c.req.raw;
      const head = c.req.method === "HEAD";
      if (target.kind === "config") return respondWithPage(config, request, head, pageOptionsOf(reader));
      if (target.kind === "download") return download(reader, route, target, at, request);
      if (target.kind === "archive") return serveArchiveRds(await reader.files(at, filterOf(filesOf(reader, target.folder, release))), request, head, pageOptionsOf(reader));
      const index = mirrorIndexOf(filesOf(reader, target.folder, release));
      // Mirrored upstream indexes are read first (once per TTL); new rows drop the cached page.
      if (index) await reader.refreshMirrorIndex(index, at);
      return respondWithPage(await loadIndex(reader, route, target.folder, at, target.file), request, head, pageOptionsOf(reader));
    },
  };
}

import { type RepoReader, parseSnapshot } from "@gatehouse/domain";
import { ApiError } from "../../http/api-error.js";
import { respondWithDocument } from "../aggregate/segmented-response.js";
import { respondWithPage } from "../cached-page.js";
import type { ProtocolHandler } from "../protocol.js";
import type { ProtocolDeps } from "../protocol-deps.js";
import { pageOptionsOf } from "../shared/page-options.js";
import { fileOrRefusal } from "../shared/blocked-download.js";
import { immutableCachingFor, serveBlob } from "../shared/serve-blob.js";
import { renderChanneldataPage, renderRepodataPage } from "./conda-pages.js";
import { type CondaTarget, parseCondaPath } from "./conda-path.js";
import { RepodataIndexes } from "./repodata-index.js";

type FileTarget = Extract<CondaTarget, { kind: "file" }>;

/**
 * conda channels: `[<snapshot>/][label/<label>/]<subdir>/repodata.json`,
 * `channeldata.json` and package downloads. Pages are rendered once per change
 * and per viewer, and served from memory (gzip, ETag/304); `latest` repodata is
 * kept incrementally, so a publish re-renders only the records it touches. Anything else,
 * including the compressed variants clients probe first, is a 404: read access
 * was already checked, and rattler treats 401/403 on a probe as fatal.
 */
export function condaProtocol(deps: ProtocolDeps): ProtocolHandler {
  const repodata = new RepodataIndexes(deps.domain);

  async function serveRepodata(reader: RepoReader, target: Extract<CondaTarget, { kind: "repodata" }>, at: Date | null, request: Request, head: boolean): Promise<Response> {
    if (at === null) {
      const doc = await repodata.document(reader, target.label, target.subdir);
      // A read that raced a change renders in full, uncached.
      const options = pageOptionsOf(reader);
      return doc ? respondWithDocument(doc, request, head, "application/json", options) : respondWithPage(await renderRepodataPage(reader, at, target.label, target.subdir), request, head, options);
    }
    const where = `${target.snapshot}|${target.label}|${reader.viewerKey}`;
    const page = await deps.cache.get(reader, `conda:repodata|${target.subdir}|${where}`, "*", () => renderRepodataPage(reader, at, target.label, target.subdir));
    return respondWithPage(page, request, head, pageOptionsOf(reader));
  }

  async function download(reader: RepoReader, target: FileTarget, request: Request): Promise<Response> {
    const lookup = await reader.find(parseSnapshot(target.snapshot), { subdir: target.subdir, label: target.label, filename: target.filename });
    const row = fileOrRefusal(lookup, () => new ApiError("NOT_FOUND", `no file ${target.subdir}/${target.filename} under label '${target.label}' of this channel`));
    const contentType = target.filename.endsWith(".conda") ? "application/zip" : "application/x-bzip2";
    return serveBlob(deps.domain.blobs, { sha256: row.sha256, size: row.size, contentType, caching: immutableCachingFor(reader.repo) }, request);
  }

  return {
    async read({ c, reader, segments }) {
      const target = parseCondaPath(segments);
      if (target.kind === "absent") throw new ApiError("NOT_FOUND", target.message);
      const at = parseSnapshot(target.snapshot); // refuses impossible dates (404) before anything is cached
      // A mirrored channel's subdir is read from its upstream first (once per TTL); new rows drop the cached page.
      if (target.kind !== "channeldata") await reader.refreshMirrorIndex({ kind: "conda", subdir: target.subdir }, at);
      if (target.kind === "file") return download(reader, target, c.req.raw);
      const head = c.req.method === "HEAD";
      if (target.kind === "repodata") return serveRepodata(reader, target, at, c.req.raw, head);
      const where = `${target.snapshot}|${target.label}|${reader.viewerKey}`;
      const page = await deps.cache.get(reader, `conda:channeldata|${where}`, "*", () => renderChanneldataPage(reader, at, target.label));
      return respondWithPage(page, c.req.raw, head, pageOptionsOf(reader));
    },
  };
}

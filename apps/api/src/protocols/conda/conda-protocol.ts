import { type Actor, type RepoAccessFacts, canReadRepo, parseSnapshot, selectVisibleFiles } from "@gatehouse/domain";
import { ApiError } from "../../http/api-error.js";
import { respondWithPage } from "../cached-page.js";
import type { ProtocolHandler, ProtocolRequest } from "../protocol.js";
import type { ProtocolDeps } from "../repo-routes.js";
import { immutableCachingFor, serveBlob } from "../shared/serve-blob.js";
import { type ChannelSource, renderChanneldataPage, renderRepodataPage } from "./conda-pages.js";
import { type CondaTarget, parseCondaPath } from "./conda-path.js";

type FileTarget = Extract<CondaTarget, { kind: "file" }>;

function requireChannelRead(actor: Actor, repo: RepoAccessFacts): void {
  if (canReadRepo(actor, repo)) return;
  if (actor.kind === "anonymous") throw new ApiError("UNAUTHENTICATED", `repo '${repo.name}' requires authentication: present a token`, { "WWW-Authenticate": `Basic realm="${repo.name}"` });
  throw new ApiError("FORBIDDEN", `this token may not read repo '${repo.name}'`);
}

/**
 * conda channels: `[<snapshot>/][label/<label>/]<subdir>/repodata.json`,
 * `channeldata.json` and package downloads. Pages are rendered once per change
 * and per viewer visibility, and served from memory (gzip, ETag/304). Anything
 * else, including the compressed variants clients probe first, is a 404: read
 * access was already checked, and rattler treats 401/403 on a probe as fatal.
 */
export function condaProtocol(deps: ProtocolDeps): ProtocolHandler {
  async function download(request: ProtocolRequest, source: ChannelSource, target: FileTarget): Promise<Response> {
    const [row] = await selectVisibleFiles(source.db, source.view, parseSnapshot(target.snapshot), {
      subdir: target.subdir,
      label: target.label,
      filename: target.filename,
      exclude: source.visibility.hidden,
    });
    if (!row) throw new ApiError("NOT_FOUND", `no file ${target.subdir}/${target.filename} under label '${target.label}' of this channel`);
    const contentType = target.filename.endsWith(".conda") ? "application/zip" : "application/x-bzip2";
    return serveBlob(deps.domain.blobs, { sha256: row.sha256, size: row.size, contentType, caching: immutableCachingFor(source.view.repo) }, request.c.req.raw);
  }

  return {
    async handle(request) {
      const { c, view } = request;
      const method = c.req.method;
      if (method !== "GET" && method !== "HEAD") {
        // The router skips its read check for POST (uploads elsewhere check write access); a
        // conda channel takes none, so it answers like any other path: 401/403 first, then 404.
        requireChannelRead(c.get("actor"), view.repo);
        throw new ApiError("ROUTE_NOT_FOUND", `conda channels are read-only: ${method} is not served; upload with \`gatehouse add\``);
      }
      const target = parseCondaPath(request.segments);
      if (target.kind === "absent") throw new ApiError("NOT_FOUND", target.message);
      parseSnapshot(target.snapshot); // refuses impossible dates (404) before anything is cached
      const visibility = await deps.visibility.forViewer(c.get("actor"), view);
      const source: ChannelSource = { db: deps.domain.db, view, visibility };
      if (target.kind === "file") return download(request, source, target);
      const sourceIds = view.sources.map((s) => s.id);
      const where = `${target.snapshot}|${target.label}|${visibility.key}`;
      const page =
        target.kind === "repodata"
          ? await deps.cache.get(view.repo, sourceIds, `conda:repodata|${target.subdir}|${where}`, "*", () => renderRepodataPage(source, target, target.subdir))
          : await deps.cache.get(view.repo, sourceIds, `conda:channeldata|${where}`, "*", () => renderChanneldataPage(source, target));
      return respondWithPage(page, c.req.raw, method === "HEAD");
    },
  };
}

import { isSnapshotSegment, parseSnapshot, requireRepoRead } from "@gatehouse/domain";
import { ApiError } from "../../http/api-error.js";
import type { ProtocolHandler, ProtocolRequest } from "../protocol.js";
import type { ProtocolDeps } from "../repo-routes.js";
import { serveDownload } from "./file-download.js";
import { uploadLegacy } from "./legacy-upload.js";
import { serveSimple } from "./simple-pages.js";

function unknownPath({ c, view }: ProtocolRequest): ApiError {
  return new ApiError(
    "ROUTE_NOT_FOUND",
    `no such resource: ${c.req.method} ${c.env?.redactedPath ?? c.req.path}; python repo '${view.repo.name}' serves GET [<snapshot>/]simple/, GET [<snapshot>/]files/<sha256>/<filename> and POST legacy/`,
  );
}

/**
 * Python repos: PEP 503/691 simple index and downloads under an optional
 * snapshot segment (`latest` or `YYYY-MM-DD`), and twine uploads at `legacy/`.
 */
export function pythonProtocol(deps: ProtocolDeps): ProtocolHandler {
  return {
    async handle(req) {
      const { c, view, segments } = req;
      const method = c.req.method;
      if (method === "POST") {
        const [first, second, ...extra] = segments;
        if (first === "legacy" && (second === undefined || second === "") && extra.length === 0) return uploadLegacy(deps, c, view);
      }
      if (method !== "GET" && method !== "HEAD") {
        // The router checks read access for every method but POST; a stray POST must not tell an anonymous caller more.
        requireReader(req);
        throw unknownPath(req);
      }
      const [first = ""] = segments;
      const hasSnapshot = isSnapshotSegment(first);
      const snapshot = hasSnapshot ? first : "latest";
      const at = parseSnapshot(snapshot);
      const [area, ...rest] = hasSnapshot ? segments.slice(1) : segments;
      if (area !== "simple" && area !== "files") throw unknownPath(req);
      const visibility = await deps.visibility.forViewer(c.get("actor"), view);
      if (area === "simple") return serveSimple(deps, { request: c.req.raw, view, snapshot, at, visibility, rest });
      return serveDownload(deps, { request: c.req.raw, view, at, visibility, rest });
    },
  };
}

function requireReader({ c, view }: ProtocolRequest): void {
  try {
    requireRepoRead(c.get("actor"), view.repo);
  } catch (err) {
    if ((err as { code?: string }).code !== "UNAUTHENTICATED") throw err;
    throw new ApiError("UNAUTHENTICATED", (err as Error).message, { "WWW-Authenticate": `Basic realm="${view.repo.name}"` });
  }
}

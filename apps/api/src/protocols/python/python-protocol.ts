import { isSnapshotSegment, parseSnapshot } from "@gatehouse/domain";
import type { ProtocolHandler } from "../protocol.js";
import type { ProtocolDeps } from "../protocol-deps.js";
import { throwUnknownPath } from "../unknown-path.js";
import { serveDownload } from "./file-download.js";
import { uploadLegacy } from "./legacy-upload.js";
import { serveSimple } from "./simple-pages.js";

/**
 * Python repos: PEP 503/691 simple index and downloads under an optional
 * snapshot segment (`latest` or `YYYY-MM-DD`), and twine uploads at `legacy/`.
 */
export function pythonProtocol(deps: ProtocolDeps): ProtocolHandler {
  return {
    async write({ c, view, segments }) {
      const [first, second, ...extra] = segments;
      if (first !== "legacy" || (second !== undefined && second !== "") || extra.length > 0) return undefined;
      return uploadLegacy(deps, c, view);
    },
    async read({ c, reader, segments }) {
      const [first = ""] = segments;
      const hasSnapshot = isSnapshotSegment(first);
      const snapshot = hasSnapshot ? first : "latest";
      const at = parseSnapshot(snapshot);
      const [area, ...rest] = hasSnapshot ? segments.slice(1) : segments;
      if (area === "simple") return serveSimple(deps, { request: c.req.raw, reader, snapshot, at, rest });
      if (area === "files") return serveDownload({ blobs: deps.domain.blobs, request: c.req.raw, reader, at, rest });
      return throwUnknownPath(c, reader.repo);
    },
  };
}

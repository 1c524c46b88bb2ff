import { ops } from "@gatehouse/api-contract";
import { listSourceFiles, publishFile, removeFiles, yankFile } from "@gatehouse/domain";
import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../../app-env.js";
import { ApiError } from "../../http/api-error.js";
import { contractRoutes } from "../../http/contract-route.js";
import { fileBatchRoute } from "./file-batch-route.js";

/** `/__api__/sources/:source/files` (streamed uploads, listings, yanks) and package removal. */
export function fileRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const on = contractRoutes(app, "/__api__");
  const meta = (address: string | undefined) => ({ address: address ?? null });

  // The operation declares a raw body, so contractRoutes leaves the stream unread for publishFile.
  on(ops.files.upload, async (c, { params, query: q }) => {
    const body = c.req.raw.body;
    if (!body) throw new ApiError("INVALID_INPUT", "the request body must hold the file's bytes", {}, "file");
    return publishFile(
      deps.domain,
      c.get("actor"),
      {
        source: params.source,
        filename: params.filename,
        body: body as unknown as AsyncIterable<Uint8Array>,
        ...(q.sha256 ? { sha256: q.sha256 } : {}),
        ...(q["bioc-version"] ? { biocVersion: q["bioc-version"] } : {}),
        ...(q["bioc-section"] ? { biocSection: q["bioc-section"] } : {}),
        ...(q.label ? { labels: q.label.split(",") } : {}),
      },
      meta(c.env?.address),
    );
  });

  fileBatchRoute(on, deps);

  on(ops.files.list, async (c, { params, query: q }) => {
    const files = await listSourceFiles(deps.domain, c.get("actor"), {
      source: params.source,
      includeRemoved: q.removed === "true",
      ...(q.project ? { project: q.project } : {}),
    });
    return { files };
  });

  on(ops.files.yank, async (c, { params, body }) => {
    const ref = { source: params.source, filename: params.filename, ...(body.reason !== undefined ? { reason: body.reason } : {}) };
    return yankFile(deps.domain, c.get("actor"), ref, meta(c.env?.address));
  });

  on(ops.files.unyank, async (c, { params }) => yankFile(deps.domain, c.get("actor"), { source: params.source, filename: params.filename, undo: true }, meta(c.env?.address)));

  on(ops.files.removePackage, async (c, { params, query: q }) =>
    removeFiles(deps.domain, c.get("actor"), { source: params.source, name: params.name, ...(q.version ? { version: q.version } : {}) }, meta(c.env?.address)),
  );
  return app;
}

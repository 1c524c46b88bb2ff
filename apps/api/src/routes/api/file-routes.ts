import { listSourceFiles, publishFile, removeFiles, yankFile } from "@gatehouse/domain";
import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps, AppEnv } from "../../app-env.js";
import { ApiError } from "../../http/api-error.js";
import { documentOperation } from "../../http/openapi-registry.js";
import { parseJsonBody, parseWith } from "../../http/parse-body.js";
import { strictBody } from "./strict-body.js";

const fileInfo = z.object({
  id: z.string(),
  source: z.string(),
  filename: z.string(),
  project: z.string(),
  name: z.string(),
  version: z.string(),
  kind: z.string(),
  sha256: z.string(),
  md5: z.string(),
  size: z.number(),
  subdir: z.string().nullable(),
  biocVersion: z.string().nullable(),
  publishedAt: z.string(),
  removedAt: z.string().nullable(),
  yanked: z.boolean(),
  yankedReason: z.string().nullable(),
  labels: z.array(z.string()),
});
const yankBody = strictBody({ reason: z.string().max(500, "the reason may have at most 500 characters").optional() });
const uploadQuery = z.object({
  sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, "must be 64 hex digits").optional(),
  "bioc-version": z.string().optional(),
  "bioc-section": z.string().optional().describe("Bioconductor section: bioc (default), data/annotation, data/experiment, workflows, books"),
  label: z.string().optional(),
});
const listQuery = z.object({ removed: z.enum(["true", "false"]).optional(), project: z.string().optional() });
const removeQuery = z.object({ version: z.string().optional() });

/** `/__api__/sources/:source/files` (streamed uploads, listings) and package removal. */
export function fileRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  documentOperation({ method: "put", path: "/__api__/sources/:source/files/:filename", tag: "files", summary: "Upload one package file (raw body, streamed)", query: uploadQuery, response: fileInfo, success: 201, scopes: "sources:write for the source (or pypi:upload / conda for their kinds)" });
  app.put("/sources/:source/files/:filename", async (c) => {
    const q = parseWith(uploadQuery, c.req.query());
    const body = c.req.raw.body;
    if (!body) throw new ApiError("INVALID_INPUT", "the request body must hold the file's bytes", {}, "file");
    const info = await publishFile(
      deps.domain,
      c.get("actor"),
      {
        source: c.req.param("source"),
        filename: c.req.param("filename"),
        body: body as unknown as AsyncIterable<Uint8Array>,
        ...(q.sha256 ? { sha256: q.sha256 } : {}),
        ...(q["bioc-version"] ? { biocVersion: q["bioc-version"] } : {}),
        ...(q["bioc-section"] ? { biocSection: q["bioc-section"] } : {}),
        ...(q.label ? { labels: q.label.split(",") } : {}),
      },
      { address: c.env?.address ?? null },
    );
    return c.json(info, 201);
  });

  documentOperation({ method: "get", path: "/__api__/sources/:source/files", tag: "files", summary: "Files of a source", query: listQuery, response: z.object({ files: z.array(fileInfo) }), scopes: "api:read or write access to the source" });
  app.get("/sources/:source/files", async (c) => {
    const q = parseWith(listQuery, c.req.query());
    const files = await listSourceFiles(deps.domain, c.get("actor"), {
      source: c.req.param("source"),
      includeRemoved: q.removed === "true",
      ...(q.project ? { project: q.project } : {}),
    });
    return c.json({ files });
  });

  documentOperation({ method: "post", path: "/__api__/sources/:source/files/:filename/yank", tag: "files", summary: "Yank a Python file (PEP 592): installers skip it unless a requirement pins its version", body: yankBody, response: fileInfo, scopes: "sources:write for the source" });
  app.post("/sources/:source/files/:filename/yank", async (c) => {
    const body = await parseJsonBody(c, yankBody);
    const ref = { source: c.req.param("source"), filename: c.req.param("filename"), ...(body.reason !== undefined ? { reason: body.reason } : {}) };
    return c.json(await yankFile(deps.domain, c.get("actor"), ref, { address: c.env?.address ?? null }));
  });

  documentOperation({ method: "delete", path: "/__api__/sources/:source/files/:filename/yank", tag: "files", summary: "Take a yank back", response: fileInfo, scopes: "sources:write for the source" });
  app.delete("/sources/:source/files/:filename/yank", async (c) => {
    const ref = { source: c.req.param("source"), filename: c.req.param("filename"), undo: true };
    return c.json(await yankFile(deps.domain, c.get("actor"), ref, { address: c.env?.address ?? null }));
  });

  documentOperation({ method: "delete", path: "/__api__/sources/:source/packages/:name", tag: "files", summary: "Remove a package (or one version) from a source; filenames stay reserved", query: removeQuery, scopes: "sources:write for the source" });
  app.delete("/sources/:source/packages/:name", async (c) => {
    const q = parseWith(removeQuery, c.req.query());
    const result = await removeFiles(
      deps.domain,
      c.get("actor"),
      { source: c.req.param("source"), name: c.req.param("name"), ...(q.version ? { version: q.version } : {}) },
      { address: c.env?.address ?? null },
    );
    return c.json(result);
  });
  return app;
}

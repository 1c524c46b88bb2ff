import { collectGarbage } from "@gatehouse/domain";
import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps, AppEnv } from "../../app-env.js";
import { documentOperation } from "../../http/openapi-registry.js";
import { parseJsonBody } from "../../http/parse-body.js";
import { strictBody } from "./strict-body.js";

const gcBody = strictBody({
  dryRun: z.boolean().optional().describe("count what would be removed, remove nothing"),
  minAgeSeconds: z
    .number()
    .int("minAgeSeconds must be a whole number of seconds")
    .min(0, "minAgeSeconds may not be negative")
    .optional()
    .describe("unreferenced files younger than this are kept (default 3600)"),
});
const gcReport = z.object({
  dryRun: z.boolean(),
  staging: z.object({ files: z.number(), bytes: z.number(), multipartUploads: z.number() }),
  reservations: z.object({ expired: z.number() }),
  blobs: z.object({ scanned: z.number(), kept: z.number(), removed: z.number(), bytes: z.number() }),
  durationMs: z.number(),
});

/** `POST /__api__/gc`: removes what crashed or refused uploads left behind (`gatehouse gc`). */
export function gcRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  documentOperation({
    method: "post",
    path: "/__api__/gc",
    tag: "system",
    summary: "Collect garbage: staged files of uploads that will never finish, stale multipart uploads, and stored files no file row references",
    body: gcBody,
    response: gcReport,
    scopes: "global:admin",
  });
  app.post("/gc", async (c) => {
    const body = await parseJsonBody(c, gcBody);
    const report = await collectGarbage(deps.domain, c.get("actor"), {
      dryRun: body.dryRun ?? false,
      ...(body.minAgeSeconds !== undefined ? { minAgeMs: body.minAgeSeconds * 1000 } : {}),
      address: c.env?.address ?? null,
    });
    return c.json(report);
  });
  return app;
}

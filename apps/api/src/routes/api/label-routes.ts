import { copyLabel, editFileLabels, listFileLabels, listSourceLabels } from "@gatehouse/domain";
import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps, AppEnv } from "../../app-env.js";
import { documentOperation } from "../../http/openapi-registry.js";
import { parseJsonBody } from "../../http/parse-body.js";
import { strictBody } from "./strict-body.js";

const labelList = z.array(z.string().min(1)).max(64);
const labelEdit = z
  .object({ add: labelList.optional(), remove: labelList.optional() })
  .strict()
  .refine((b) => (b.add?.length ?? 0) + (b.remove?.length ?? 0) > 0, { message: "name at least one label to add or remove", path: ["add"] });
const labelChange = z.object({
  file: z.object({ source: z.string(), filename: z.string(), labels: z.array(z.string()) }).passthrough(),
  added: z.array(z.string()),
  removed: z.array(z.string()),
});

const copyBody = strictBody({ from: z.string().min(1, "name the label to copy"), to: z.string().min(1, "name the label to give") });
const labelCopy = z.object({ source: z.string(), from: z.string(), to: z.string(), copied: z.array(z.string()), alreadyThere: z.number() });

/**
 * `POST /__api__/sources/:source/files/:filename/labels` with `{add?, remove?}`:
 * one request moves a conda file between labels atomically (`{add:["main"], remove:["dev"]}`).
 */
export function labelRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  documentOperation({
    method: "post",
    path: "/__api__/sources/:source/files/:filename/labels",
    tag: "files",
    summary: "Add and remove conda labels of a file in one step (a move is add + remove)",
    body: labelEdit,
    response: labelChange,
    scopes: "sources:write for the source",
  });
  app.post("/sources/:source/files/:filename/labels", async (c) => {
    const body = await parseJsonBody(c, labelEdit);
    const change = await editFileLabels(
      deps.domain,
      c.get("actor"),
      { source: c.req.param("source"), filename: c.req.param("filename"), ...(body.add ? { add: body.add } : {}), ...(body.remove ? { remove: body.remove } : {}) },
      { address: c.env?.address ?? null },
    );
    return c.json(change);
  });

  documentOperation({ method: "get", path: "/__api__/sources/:source/files/:filename/labels", tag: "files", summary: "Labels a conda file carries", response: z.object({ labels: z.array(z.object({ label: z.string(), addedAt: z.string() })) }), scopes: "api:read or write access to the source" });
  app.get("/sources/:source/files/:filename/labels", async (c) =>
    c.json({ labels: await listFileLabels(deps.domain, c.get("actor"), { source: c.req.param("source"), filename: c.req.param("filename") }) }),
  );

  documentOperation({ method: "get", path: "/__api__/sources/:source/labels", tag: "files", summary: "Labels of a conda source, with how many published files carry each", response: z.object({ labels: z.array(z.object({ label: z.string(), files: z.number() })) }), scopes: "api:read or write access to the source" });
  app.get("/sources/:source/labels", async (c) => c.json({ labels: await listSourceLabels(deps.domain, c.get("actor"), c.req.param("source")) }));

  documentOperation({ method: "post", path: "/__api__/sources/:source/labels/copy", tag: "files", summary: "Give every file carrying label `from` the label `to` too (anaconda label --copy)", body: copyBody, response: labelCopy, scopes: "sources:write for the source" });
  app.post("/sources/:source/labels/copy", async (c) => {
    const body = await parseJsonBody(c, copyBody);
    return c.json(await copyLabel(deps.domain, c.get("actor"), { source: c.req.param("source"), ...body }, { address: c.env?.address ?? null }));
  });
  return app;
}

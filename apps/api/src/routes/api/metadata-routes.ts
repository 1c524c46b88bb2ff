import { deletePackageMetadata, foldPackageName, listPackageMetadata, setPackageMetadata } from "@gatehouse/domain";
import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps, AppEnv } from "../../app-env.js";
import { ApiError } from "../../http/api-error.js";
import { documentOperation } from "../../http/openapi-registry.js";
import { parseJsonBody, parseWith } from "../../http/parse-body.js";
import { strictBody, strictFields } from "./strict-body.js";

const READ = "with repo: repos:read listing it (or legacy metadata:read); without: metadata:admin, api:read, legacy metadata:read, global:admin, all";
const MANAGE = "metadata:admin (or api:write, global:admin, all)";

/** A note on a package as the API returns it. */
export const metadataEntry = z.object({ name: z.string(), key: z.string(), value: z.string(), updatedAt: z.string(), updatedBy: z.string() });

const listQuery = strictFields({
  name: z.string().optional().describe("only this package (any spelling)"),
  repo: z.string().optional().describe("only packages this repo serves"),
});
const setBody = strictBody({ value: z.string({ error: "value is required: the note's text" }).describe("at most 2000 characters") });

/** `/__api__/metadata`: key/value notes on packages (owner, advisory, …). */
export function metadataRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const d = deps.domain;
  const meta = (c: { env?: { address?: string } }) => ({ address: c.env?.address ?? null });

  documentOperation({ method: "get", path: "/__api__/metadata", tag: "metadata", summary: "Package notes, by package and key", query: listQuery, response: z.object({ metadata: z.array(metadataEntry) }), scopes: READ });
  app.get("/metadata", async (c) => {
    const q = parseWith(listQuery, c.req.query());
    // Notes on private packages are shown only to those the repo's indexes show the package to.
    const visible = q.repo ? await d.catalog.packageFilter(c.get("actor"), q.repo) : undefined;
    return c.json({ metadata: await listPackageMetadata(d, c.get("actor"), q, visible) });
  });

  documentOperation({ method: "put", path: "/__api__/metadata/:name/:key", tag: "metadata", summary: "Set a note on a package", body: setBody, response: metadataEntry, scopes: MANAGE });
  app.put("/metadata/:name/:key", async (c) => {
    const { value } = await parseJsonBody(c, setBody);
    const where = `/__api__/metadata/${c.req.param("name")}/${c.req.param("key")}`;
    // The domain reads an empty value as "remove"; over HTTP that is DELETE, so a PUT always answers with the entry.
    if (value === "") throw new ApiError("INVALID_INPUT", `value is empty: to remove the key, send DELETE ${where}`, {}, "value");
    const entry = await setPackageMetadata(d, c.get("actor"), { name: c.req.param("name"), key: c.req.param("key"), value }, meta(c));
    return c.json(entry);
  });

  documentOperation({ method: "delete", path: "/__api__/metadata/:name/:key", tag: "metadata", summary: "Remove a note from a package", response: z.object({ deleted: z.object({ name: z.string(), key: z.string() }) }), scopes: MANAGE });
  app.delete("/metadata/:name/:key", async (c) => {
    const input = { name: c.req.param("name"), key: c.req.param("key") };
    await deletePackageMetadata(d, c.get("actor"), input, meta(c));
    return c.json({ deleted: { name: foldPackageName(input.name), key: input.key } });
  });

  return app;
}

import { createBlocklistRule, deleteBlocklistRule, listBlocklistRules } from "@gatehouse/domain";
import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps, AppEnv } from "../../app-env.js";
import { documentOperation } from "../../http/openapi-registry.js";
import { parseJsonBody } from "../../http/parse-body.js";
import { strictBody } from "./strict-body.js";

const READ = "blocklist:read (or blocklist:admin, api:read, global:admin, all)";
const MANAGE = "blocklist:admin (or global:admin, all)";

/** A blocklist rule as the API returns it. */
export const blocklistRuleInfo = z.object({
  id: z.string(),
  name: z.string(),
  versions: z.string().nullable(),
  repo: z.string().nullable(),
  reason: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});

const createRuleBody = strictBody({
  name: z.string({ error: "name is required: the package to block" }).describe("package name, in any spelling of its ecosystem"),
  versions: z
    .string({ error: "versions must be a string such as \">=1.2,<2\"" })
    .nullish()
    .describe("version range in the ecosystem's own syntax (PEP 440, R, conda match-spec); omitted: every version"),
  repo: z.string({ error: "repo must be a repo name" }).nullish().describe("repo the rule applies to; omitted: every repo"),
  reason: z.string({ error: "reason is required: say why the package is blocked" }).describe("shown to clients whose download is refused"),
});

/** `/__api__/blocklist-rules`: list, create and delete the rules that hide packages from every index and download. */
export function blocklistRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const d = deps.domain;
  const meta = (c: { env?: { address?: string } }) => ({ address: c.env?.address ?? null });

  documentOperation({ method: "get", path: "/__api__/blocklist-rules", tag: "blocklist", summary: "Blocklist rules in force, oldest first", response: z.object({ rules: z.array(blocklistRuleInfo) }), scopes: READ });
  app.get("/blocklist-rules", async (c) => c.json({ rules: await listBlocklistRules(d, c.get("actor")) }));

  documentOperation({ method: "post", path: "/__api__/blocklist-rules", tag: "blocklist", summary: "Block a package (optionally a version range, optionally in one repo)", body: createRuleBody, response: blocklistRuleInfo, success: 201, scopes: MANAGE });
  app.post("/blocklist-rules", async (c) => {
    const body = await parseJsonBody(c, createRuleBody);
    return c.json(await createBlocklistRule(d, c.get("actor"), body, meta(c)), 201);
  });

  documentOperation({ method: "delete", path: "/__api__/blocklist-rules/:id", tag: "blocklist", summary: "Delete a rule (kept in history); its files show again", response: z.object({ deleted: blocklistRuleInfo }), scopes: MANAGE });
  app.delete("/blocklist-rules/:id", async (c) => c.json({ deleted: await deleteBlocklistRule(d, c.get("actor"), c.req.param("id"), meta(c)) }));

  return app;
}

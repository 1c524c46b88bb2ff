import { ops } from "@gatehouse/api-contract";
import { createBlocklistRule, deleteBlocklistRule, listBlocklistRules } from "@gatehouse/domain";
import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../../app-env.js";
import { contractRoutes } from "../../http/contract-route.js";

/** `/__api__/blocklist-rules`: list, create and delete the rules that hide packages from every index and download. */
export function blocklistRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const on = contractRoutes(app, "/__api__");
  const d = deps.domain;
  const meta = (address: string | undefined) => ({ address: address ?? null });

  on(ops.policy.listBlocklistRules, async (c) => ({ rules: await listBlocklistRules(d, c.get("actor")) }));

  on(ops.policy.createBlocklistRule, async (c, { body }) => createBlocklistRule(d, c.get("actor"), body, meta(c.env?.address)));

  on(ops.policy.deleteBlocklistRule, async (c, { params }) => ({ deleted: await deleteBlocklistRule(d, c.get("actor"), params.id, meta(c.env?.address)) }));

  return app;
}

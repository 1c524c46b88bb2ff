import { createToken, listTokens, revokeToken } from "@gatehouse/domain";
import { parseResourceList, parseScopeList } from "@gatehouse/scope-engine";
import { ops, type resourceListInput } from "@gatehouse/api-contract";
import { Hono } from "hono";
import type { z } from "zod";
import type { AppDeps, AppEnv } from "../../app-env.js";
import { ApiError } from "../../http/api-error.js";
import { contractRoutes } from "../../http/contract-route.js";
import { revokeLeakedRoute } from "./revoke-leaked-route.js";

function toResourceList(value: z.infer<typeof resourceListInput> | undefined, field: "repos" | "sources") {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) value = value.join(",");
  const parsed = parseResourceList(value);
  if (!parsed.ok) throw new ApiError("INVALID_INPUT", parsed.error.message, {}, field);
  return parsed.value;
}

/** `/__api__/tokens`: create (plaintext shown once, never cached), list, revoke, revoke a leaked one. */
export function tokenRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const on = contractRoutes(app, "/__api__/tokens");
  const meta = (address: string | undefined) => ({ address: address ?? null });

  on(ops.tokens.create, async (c, { body }) => {
    const scopes = Array.isArray(body.scopes) ? body.scopes : parseScopeList(body.scopes);
    const repos = toResourceList(body.repos, "repos");
    const sources = toResourceList(body.sources, "sources");
    const created = await createToken(
      deps.domain,
      c.get("actor"),
      {
        scopes,
        description: body.description,
        user: body.user,
        ...(repos !== undefined ? { repos } : {}),
        ...(sources !== undefined ? { sources } : {}),
        ...(body.expires !== undefined ? { expires: body.expires } : {}),
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.org !== undefined ? { org: body.org } : {}),
      },
      meta(c.env?.address),
    );
    c.header("Cache-Control", "no-store");
    return { token: created.token, ...created.info };
  });

  on(ops.tokens.list, async (c, { query: q }) => {
    const tokens = await listTokens(deps.domain, c.get("actor"), {
      expired: q.expired === "true",
      revoked: q.revoked === "true",
      ...(q.style ? { style: q.style } : {}),
      ...(q.user ? { user: q.user } : {}),
    });
    return { tokens };
  });

  on(ops.tokens.revoke, async (c, { body }) => revokeToken(deps.domain, c.get("actor"), body, meta(c.env?.address)));

  revokeLeakedRoute(app, deps);

  on(ops.tokens.delete, async (c, { params }) => revokeToken(deps.domain, c.get("actor"), { guid: params.guid }, meta(c.env?.address)));

  return app;
}

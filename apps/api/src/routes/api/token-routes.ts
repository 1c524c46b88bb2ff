import { createToken, listTokens, revokeToken } from "@gatehouse/domain";
import { parseResourceList, parseScopeList } from "@gatehouse/scope-engine";
import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps, AppEnv } from "../../app-env.js";
import { ApiError } from "../../http/api-error.js";
import { documentOperation } from "../../http/openapi-registry.js";
import { parseJsonBody, parseWith } from "../../http/parse-body.js";
import { revokeLeakedRoute } from "./revoke-leaked-route.js";

const resourceList = z.union([z.literal("*"), z.array(z.string()), z.string()]);

const createTokenBody = z.object({
  scopes: z.union([z.array(z.string()), z.string()]).describe("scope names, as a list or a space/comma separated string"),
  repos: resourceList.optional(),
  sources: resourceList.optional(),
  expires: z.string().optional().describe("45s, 5m, 12h, 30d or never"),
  description: z.string().max(500, "at most 500 characters"),
  user: z.string().min(1, "a user is required"),
  name: z.string().optional(),
  org: z.string().optional(),
});

const tokenInfo = z.object({
  guid: z.string(),
  display: z.string(),
  name: z.string().nullable(),
  style: z.enum(["posit", "anaconda"]),
  scopes: z.array(z.string()),
  repos: z.union([z.literal("*"), z.array(z.string())]),
  sources: z.union([z.literal("*"), z.array(z.string())]),
  description: z.string(),
  user: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  status: z.enum(["active", "expired", "revoked"]),
});

const listQuery = z.object({
  expired: z.enum(["true", "false"]).optional(),
  revoked: z.enum(["true", "false"]).optional(),
  style: z.enum(["posit", "anaconda"]).optional(),
  user: z.string().optional(),
});

const revokeBody = z.union([z.object({ guid: z.string() }), z.object({ token: z.string() }), z.object({ name: z.string(), user: z.string().optional() })]);

function toResourceList(value: z.infer<typeof resourceList> | undefined, field: "repos" | "sources") {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) value = value.join(",");
  const parsed = parseResourceList(value);
  if (!parsed.ok) throw new ApiError("INVALID_INPUT", parsed.error.message, {}, field);
  return parsed.value;
}

/** `/__api__/tokens`: create (plaintext shown once, never cached), list, revoke, revoke a leaked one. */
export function tokenRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const meta = (address: string | undefined) => ({ address: address ?? null });

  documentOperation({ method: "post", path: "/__api__/tokens", tag: "tokens", summary: "Create a token (the plaintext appears only in this response)", body: createTokenBody, response: tokenInfo.extend({ token: z.string() }), success: 201, scopes: "global:admin (or api:write for your own user)" });
  app.post("/", async (c) => {
    const body = await parseJsonBody(c, createTokenBody);
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
    return c.json({ token: created.token, ...created.info }, 201);
  });

  documentOperation({ method: "get", path: "/__api__/tokens", tag: "tokens", summary: "List tokens (active only unless expired/revoked are asked for)", query: listQuery, response: z.object({ tokens: z.array(tokenInfo) }), scopes: "global:admin (or api:write for your own)" });
  app.get("/", async (c) => {
    const q = parseWith(listQuery, c.req.query());
    const tokens = await listTokens(deps.domain, c.get("actor"), {
      expired: q.expired === "true",
      revoked: q.revoked === "true",
      ...(q.style ? { style: q.style } : {}),
      ...(q.user ? { user: q.user } : {}),
    });
    return c.json({ tokens });
  });

  documentOperation({ method: "post", path: "/__api__/tokens/revoke", tag: "tokens", summary: "Revoke a token by guid, plaintext or name (permanent)", body: revokeBody, response: tokenInfo, scopes: "global:admin (or api:write for your own)" });
  app.post("/revoke", async (c) => {
    const body = await parseJsonBody(c, revokeBody);
    return c.json(await revokeToken(deps.domain, c.get("actor"), body, meta(c.env?.address)));
  });

  revokeLeakedRoute(app, deps);

  documentOperation({ method: "delete", path: "/__api__/tokens/:guid", tag: "tokens", summary: "Revoke a token by guid (permanent)", response: tokenInfo, scopes: "global:admin" });
  app.delete("/:guid", async (c) => {
    return c.json(await revokeToken(deps.domain, c.get("actor"), { guid: c.req.param("guid") }, meta(c.env?.address)));
  });

  return app;
}

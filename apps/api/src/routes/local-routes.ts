import { ops } from "@gatehouse/api-contract";
import { bootstrapAdminToken } from "@gatehouse/domain";
import { type Context, Hono } from "hono";
import type { AppDeps, AppEnv } from "../app-env.js";
import { ApiError } from "../http/api-error.js";
import { contractRoutes } from "../http/contract-route.js";

/**
 * Routes only the local operator reaches (the admin socket in the data folder,
 * or the CLI in-process): minting the first admin token never happens over the network.
 */
export function localRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const on = contractRoutes(app, "/__local__");
  // Refused before the body is read: a network caller learns nothing about what the route accepts.
  const requireLocal = (c: Context<AppEnv>) => {
    if (!c.env?.local) throw new ApiError("FORBIDDEN", "bootstrap is only available on the server machine: run `gatehouse bootstrap` there");
  };
  on(
    ops.system.bootstrap,
    async (c, { body }) => {
      const created = await bootstrapAdminToken(deps.domain, { force: body.force, ...(body.user ? { user: body.user } : {}) });
      c.header("Cache-Control", "no-store");
      return { token: created.token, ...created.info };
    },
    { before: requireLocal },
  );
  return app;
}

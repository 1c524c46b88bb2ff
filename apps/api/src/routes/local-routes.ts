import { bootstrapAdminToken } from "@gatehouse/domain";
import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps, AppEnv } from "../app-env.js";
import { ApiError } from "../http/api-error.js";
import { parseJsonBody } from "../http/parse-body.js";

const bootstrapBody = z.object({ force: z.boolean().default(false), user: z.string().optional() });

/**
 * Routes only the local operator reaches (the admin socket in the data folder,
 * or the CLI in-process): minting the first admin token never happens over the network.
 */
export function localRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post("/bootstrap", async (c) => {
    if (!c.env?.local) throw new ApiError("FORBIDDEN", "bootstrap is only available on the server machine: run `gatehouse bootstrap` there");
    const body = await parseJsonBody(c, bootstrapBody);
    const created = await bootstrapAdminToken(deps.domain, { force: body.force, ...(body.user ? { user: body.user } : {}) });
    c.header("Cache-Control", "no-store");
    return c.json({ token: created.token, ...created.info }, 201);
  });
  return app;
}

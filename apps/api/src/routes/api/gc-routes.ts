import { ops } from "@gatehouse/api-contract";
import { collectGarbage } from "@gatehouse/domain";
import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../../app-env.js";
import { contractRoutes } from "../../http/contract-route.js";

/** `POST /__api__/gc`: removes what crashed or refused uploads left behind (`gatehouse gc`). */
export function gcRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const on = contractRoutes(app, "/__api__");
  on(ops.system.gc, async (c, { body }) =>
    collectGarbage(deps.domain, c.get("actor"), {
      dryRun: body.dryRun ?? false,
      ...(body.minAgeSeconds !== undefined ? { minAgeMs: body.minAgeSeconds * 1000 } : {}),
      address: c.env?.address ?? null,
    }),
  );
  return app;
}

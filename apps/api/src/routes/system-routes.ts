import { checkDatabaseReady } from "@gatehouse/domain";
import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../app-env.js";
import type { Metrics } from "../http/metrics.js";
import { buildOpenApiDocument, listOperations } from "../http/openapi-registry.js";
import { renderApiDocs } from "./api-docs-page.js";

const VERSION = "0.1.0";

/** `/healthz`, `/metrics`, `/__api__/openapi.json`, `/__api__/docs`. */
export function systemRoutes(deps: AppDeps, metrics: Metrics): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/healthz", async (c) => {
    if (await checkDatabaseReady(deps.domain)) return c.json({ status: "ok", version: VERSION });
    return c.json({ status: "unavailable", version: VERSION }, 503);
  });
  app.get("/metrics", (c) => c.text(metrics.render(), 200, { "Content-Type": "text/plain; version=0.0.4" }));
  let openapi: string | null = null;
  app.get("/__api__/openapi.json", (c) => {
    openapi ??= JSON.stringify(buildOpenApiDocument(VERSION), null, 2);
    return c.body(openapi, 200, { "Content-Type": "application/json" });
  });
  app.get("/__api__/docs", (c) => c.html(renderApiDocs(listOperations())));
  return app;
}

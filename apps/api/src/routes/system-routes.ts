import { type DependencyCheck, checkReadiness } from "@gatehouse/domain";
import { type OpenApiDocument, buildOpenApiDocument } from "@gatehouse/api-contract";
import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../app-env.js";
import type { Metrics } from "../http/metrics.js";
import { type DocsPage, renderApiDocs } from "./api-docs-page.js";

const VERSION = "0.1.0";

function statusText(check: DependencyCheck): string {
  return check.ok ? "ok" : check.reason;
}

/** `/healthz`, `/readyz`, `/metrics`, `/__api__/openapi.json`, `/__api__/docs`. */
export function systemRoutes(deps: AppDeps, metrics: Metrics): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // Liveness: the process serves requests. A database or store outage is /readyz's business; a
  // supervisor restarting nodes for it would not bring the database back.
  app.get("/healthz", (c) => c.json({ status: "ok", version: VERSION }));
  app.get("/readyz", async (c) => {
    const r = await checkReadiness(deps.domain);
    const failed = [
      ...(r.database.ok ? [] : [`the database does not answer (${r.database.reason})`]),
      ...(r.store.ok ? [] : [`the object store does not answer (${r.store.reason})`]),
    ];
    if (failed.length === 0) return c.json({ status: "ready", version: VERSION, database: "ok", store: "ok" });
    deps.logger.warn({ database: statusText(r.database), store: statusText(r.store) }, "not ready");
    return c.json({ error: { code: "NOT_READY", message: `not ready: ${failed.join("; ")}` }, database: statusText(r.database), store: statusText(r.store) }, 503);
  });
  app.get("/metrics", (c) => c.text(metrics.render(), 200, { "Content-Type": "text/plain; version=0.0.4" }));
  // Built from the contract alone, once per app: the document cannot list a route twice or drift from the routes.
  let document: OpenApiDocument | null = null;
  let openapi: string | null = null;
  let docs: DocsPage | null = null;
  const documentOnce = (): OpenApiDocument => {
    document ??= buildOpenApiDocument(VERSION);
    return document;
  };
  app.get("/__api__/openapi.json", (c) => {
    openapi ??= JSON.stringify(documentOnce(), null, 2);
    return c.body(openapi, 200, { "Content-Type": "application/json" });
  });
  app.get("/__api__/docs", (c) => {
    docs ??= renderApiDocs(documentOnce());
    return c.html(docs.html, 200, docs.headers);
  });
  return app;
}

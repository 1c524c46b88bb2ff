import { readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { locateConsoleAssets } from "@gatehouse/admin";
import { Hono } from "hono";
import { routePath } from "hono/route";
import type { AppEnv } from "../app-env.js";
import { ApiError } from "../http/api-error.js";
import { type CachedPage, makePage, respondWithPage } from "../protocols/cached-page.js";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".map": "application/json",
  ".woff2": "font/woff2",
};

// The console holds an admin token in the page: allow only its own script, style and API calls.
const PAGE_HEADERS: Record<string, string> = {
  "Content-Security-Policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
};

// Built assets carry a content hash in their name (app-3KQ2ZC4M.js), so they never change.
const HASHED = /-[A-Za-z0-9]{8,}\.[a-z0-9]+$/;

function loadAssets(dir: string): Map<string, CachedPage> | null {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return null;
  }
  if (!names.includes("index.html")) return null;
  const assets = new Map<string, CachedPage>();
  for (const name of names) {
    const type = CONTENT_TYPES[extname(name)] ?? "application/octet-stream";
    assets.set(name, makePage(readFileSync(join(dir, name)), type, { ...PAGE_HEADERS }));
  }
  return assets;
}

/**
 * Serves the built admin console under `/__admin__/`: `index.html` for `/__admin__` and
 * `/__admin__/`, hashed assets cached for a year, everything read from disk once.
 *
 * @example
 * hono.route("/__admin__", adminConsoleRoutes());
 */
export function adminConsoleRoutes(dir: string = locateConsoleAssets()): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  let assets: Map<string, CachedPage> | null = null;

  function serve(name: string, request: Request): Response {
    // A missing build is not remembered, so building while the server runs fixes it.
    assets ??= loadAssets(dir);
    if (assets === null) {
      return new Response("The admin console is not built. Run `pnpm build` (or `pnpm --filter @gatehouse/admin build`) and reload.\n", {
        status: 503,
        headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
      });
    }
    const page = assets.get(name);
    if (!page) throw new ApiError("ROUTE_NOT_FOUND", `no such console file: ${name}`);
    const response = respondWithPage(page, request, request.method === "HEAD");
    if (HASHED.test(name)) response.headers.set("Cache-Control", "public, max-age=31536000, immutable");
    return response;
  }

  app.get("/", (c) => serve("index.html", c.req.raw));
  app.get("/:file", (c) => serve(c.req.param("file"), c.req.raw));
  app.get("/*", (c) => {
    // Routes are strict about trailing slashes, so `/__admin__/` arrives here rather than at "/".
    const mount = routePath(c).replace(/\/\*$/, "");
    if (c.req.path === `${mount}/`) return serve("index.html", c.req.raw);
    throw new ApiError("ROUTE_NOT_FOUND", `no such console resource: ${c.req.path}`);
  });
  return app;
}

import { Hono } from "hono";
import type { AppBindings, AppDeps, AppEnv } from "./app-env.js";
import { ApiError, toErrorResponse } from "./http/api-error.js";
import { Metrics } from "./http/metrics.js";
import { stripPathToken } from "./http/path-token.js";
import { realmOf } from "./http/realm.js";
import { accessLog } from "./middleware/access-log.js";
import { authenticate } from "./middleware/authenticate.js";
import { auditRefusal } from "./middleware/refusal-audit.js";
import { finishHeaders, requestId } from "./middleware/request-id.js";
import { refuseMalformedUrls } from "./middleware/refuse-malformed-urls.js";
import { refuseOversizedBodies } from "./middleware/refuse-oversized-bodies.js";
import { adminConsoleRoutes } from "./routes/admin-console.js";
import { blocklistRoutes } from "./routes/api/blocklist-routes.js";
import { fileRoutes } from "./routes/api/file-routes.js";
import { gcRoutes } from "./routes/api/gc-routes.js";
import { labelRoutes } from "./routes/api/label-routes.js";
import { metadataRoutes } from "./routes/api/metadata-routes.js";
import { identityRoutes } from "./routes/api/identity-routes.js";
import { identityAdminRoutes } from "./routes/api/identity-admin-routes.js";
import { repoAdminRoutes } from "./routes/api/repo-routes.js";
import { localRoutes } from "./routes/local-routes.js";
import { repoRoutes } from "./protocols/repo-routes.js";
import { tokenRoutes } from "./routes/api/token-routes.js";
import { syncRoutes } from "./routes/api/sync-routes.js";
import { systemRoutes } from "./routes/system-routes.js";

/** The composed application: a fetch handler plus the parts tests and the server need. */
export interface GatehouseApp {
  /** Handles a request; strips `/t/<token>/` before routing. */
  fetch(request: Request, bindings?: AppBindings): Promise<Response>;
  /** Convenience for tests: a request to a path on this app. */
  request(path: string, init?: RequestInit, bindings?: AppBindings): Promise<Response>;
  metrics: Metrics;
  /** Every route the app answers (method and Hono path), for the contract's coverage test. */
  routes: readonly { method: string; path: string }[];
}

/**
 * Builds the Hono app: access log, authentication, JSON API, protocol routes.
 *
 * @example
 * const app = createApp(deps);
 * const res = await app.request("/__api__/whoami", { headers: { authorization: `Bearer ${token}` } });
 */
export function createApp(deps: AppDeps): GatehouseApp {
  const metrics = new Metrics();
  const hono = new Hono<AppEnv>();
  hono.use("*", requestId());
  hono.use("*", accessLog(deps.logger, metrics));
  hono.use("*", refuseMalformedUrls());
  hono.use("*", refuseOversizedBodies(() => deps.domain.settings.maxUploadBytes));
  hono.use("*", authenticate(deps));
  hono.route("/", systemRoutes(deps, metrics));
  hono.route("/__api__/tokens", tokenRoutes(deps));
  hono.route("/__api__", identityRoutes(deps));
  hono.route("/__api__", identityAdminRoutes(deps));
  hono.route("/__api__", repoAdminRoutes(deps));
  hono.route("/__api__", fileRoutes(deps));
  hono.route("/__admin__", adminConsoleRoutes());
  hono.route("/__api__", labelRoutes(deps));
  hono.route("/__api__", syncRoutes(deps));
  hono.route("/__api__", gcRoutes(deps));
  hono.route("/__api__", blocklistRoutes(deps));
  hono.route("/__api__", metadataRoutes(deps));
  hono.route("/__local__", localRoutes(deps));
  hono.route("/", repoRoutes(deps));

  hono.notFound((c) => {
    const { status, body } = toErrorResponse(new ApiError("ROUTE_NOT_FOUND", `no such resource: ${c.req.method} ${c.req.path}`));
    return c.json(body, status);
  });
  hono.onError((err, c) => {
    const { status, body, headers } = toErrorResponse(err);
    // A body over the limit, or one the disk had no room for, was not read to its end: the
    // connection cannot carry another request (and closing, with the linger, lets the client read the answer).
    if (status === 413 || status === 507) headers.Connection = "close";
    if (status === 401 && !headers["WWW-Authenticate"]) headers["WWW-Authenticate"] = `Basic realm="${realmOf(c.req.path)}"`;
    if (status >= 500) deps.logger.error({ err: err instanceof Error ? err.message : String(err), path: c.env?.redactedPath }, "request failed");
    if (status === 401 || status === 403) metrics.inc("gatehouse_auth_refusals_total", { status: String(status) });
    // Every refusal is audited here, once (401s in authenticate.ts).
    auditRefusal(deps, c, status, body.error);
    if (c.env) c.env.errorMessage = body.error.message;
    return c.json(body, status, headers);
  });

  async function fetch(request: Request, bindings: AppBindings = {}): Promise<Response> {
    const url = new URL(request.url);
    const stripped = stripPathToken(url.pathname);
    // The caller's bindings object is used as is, so it sees what handlers record (errorMessage).
    const env = Object.assign(bindings, { redactedPath: stripped.redacted });
    if (stripped.token === undefined) return finishHeaders(await hono.fetch(request, env), env);
    url.pathname = stripped.path;
    env.pathToken = stripped.token;
    const init: RequestInit & { duplex?: "half" } = { method: request.method, headers: request.headers, body: request.body, duplex: "half" };
    return finishHeaders(await hono.fetch(new Request(url, init), env), env);
  }

  return {
    fetch,
    request: (path, init, bindings) => fetch(new Request(new URL(path, "http://localhost"), init), bindings),
    metrics,
    routes: hono.routes.map((r) => ({ method: r.method, path: r.path })),
  };
}

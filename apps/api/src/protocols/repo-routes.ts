import { VisibilityResolver, requireRepoRead } from "@gatehouse/domain";
import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../app-env.js";
import { ApiError } from "../http/api-error.js";
import { condaProtocol } from "./conda/conda-protocol.js";
import { cranProtocol } from "./cran/cran-protocol.js";
import { IndexCache } from "./index-cache.js";
import type { ProtocolHandler } from "./protocol.js";
import { pythonProtocol } from "./python/python-protocol.js";
import { RepoDirectory } from "./repo-directory.js";

/** Shared machinery every protocol handler is built with. */
export interface ProtocolDeps extends AppDeps {
  directory: RepoDirectory;
  cache: IndexCache;
  /** Which private packages a viewer may see; include `visibility.key` in cache keys and pass `hidden` as `exclude`. */
  visibility: VisibilityResolver;
}

/**
 * `/<repo>/…`: finds the repo (from memory), enforces read access on every path
 * under an authenticated repo (401 with the repo as realm, 403 for a token
 * without the scope), then hands over to the repo type's protocol. Uploads
 * (`POST …/legacy/`) check write access themselves.
 */
export function repoRoutes(deps: AppDeps): Hono<AppEnv> {
  const protocolDeps: ProtocolDeps = { ...deps, directory: new RepoDirectory(deps.domain), cache: new IndexCache(deps.domain), visibility: new VisibilityResolver(deps.domain) };
  const handlers: Record<string, ProtocolHandler> = {
    python: pythonProtocol(protocolDeps),
    r: cranProtocol(protocolDeps),
    bioconductor: cranProtocol(protocolDeps),
    conda: condaProtocol(protocolDeps),
  };
  const app = new Hono<AppEnv>();
  app.all("/:repo/*", async (c) => {
    const name = c.req.param("repo");
    if (name.startsWith("__")) throw new ApiError("ROUTE_NOT_FOUND", `no such resource: ${c.req.method} ${c.req.path}`);
    const view = await protocolDeps.directory.get(name);
    if (!view) throw new ApiError("NOT_FOUND", `no repo named '${name}'`);
    const segments = c.req.path.split("/").slice(2).map((s) => decodeURIComponent(s));
    const isUpload = c.req.method === "POST";
    if (!isUpload) {
      try {
        requireRepoRead(c.get("actor"), view.repo);
      } catch (err) {
        if ((err as { code?: string }).code === "UNAUTHENTICATED") {
          throw new ApiError("UNAUTHENTICATED", (err as Error).message, { "WWW-Authenticate": `Basic realm="${view.repo.name}"` });
        }
        throw err;
      }
    }
    const handler = handlers[view.repo.type];
    if (!handler) throw new ApiError("NOT_FOUND", `repo type ${view.repo.type} is not served`);
    return handler.handle({ c, view, segments });
  });
  return app;
}

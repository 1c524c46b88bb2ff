import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../app-env.js";
import { ApiError } from "../http/api-error.js";
import { condaProtocol } from "./conda/conda-protocol.js";
import { cranProtocol } from "./cran/cran-protocol.js";
import { IndexCache } from "./index-cache.js";
import type { ProtocolHandler } from "./protocol.js";
import type { ProtocolDeps } from "./protocol-deps.js";
import { pythonProtocol } from "./python/python-protocol.js";
import { throwUnknownPath } from "./unknown-path.js";

/**
 * `/<repo>/…`: asks the catalog for a reader (which enforces read access on
 * every path: 401 with the repo as realm, 403 for a token without the scope
 * or grant), then hands over to the repo type's protocol. POSTs go to the
 * protocol's upload handler, which checks write access itself.
 */
export function repoRoutes(deps: AppDeps): Hono<AppEnv> {
  const protocolDeps: ProtocolDeps = { ...deps, cache: deps.indexCache ?? new IndexCache(deps.domain) };
  const handlers: Record<string, ProtocolHandler> = {
    python: pythonProtocol(protocolDeps),
    r: cranProtocol(protocolDeps),
    bioconductor: cranProtocol(protocolDeps),
    conda: condaProtocol(protocolDeps),
  };
  const { catalog } = deps.domain;
  const app = new Hono<AppEnv>();
  app.all("/:repo/*", async (c) => {
    const name = c.req.param("repo");
    if (name.startsWith("__")) throw new ApiError("ROUTE_NOT_FOUND", `no such resource: ${c.req.method} ${c.req.path}`);
    const segments = c.req.path.split("/").slice(2).map((s) => decodeURIComponent(s));
    const method = c.req.method;
    if (method === "POST") {
      const view = await catalog.repo(name);
      const write = view ? handlers[view.repo.type]?.write : undefined;
      const answered = view && write ? await write({ c, view, segments }) : undefined;
      if (answered) return answered;
    }
    // Set to 404, an unknown repo says so to anonymous callers too (by default they get the 401 of an authenticated repo).
    if (deps.config.unknownRepoStatus === 404 && !(await catalog.repo(name))) {
      throw new ApiError("NOT_FOUND", `no repo named '${name}'; list them with \`gatehouse list repos\``);
    }
    const reader = await catalog.reader(c.get("actor"), name);
    const handler = handlers[reader.repo.type];
    if (!handler) throw new ApiError("NOT_FOUND", `repo type ${reader.repo.type} is not served`);
    if (method !== "GET" && method !== "HEAD") throwUnknownPath(c, reader.repo);
    return handler.read({ c, reader, segments });
  });
  return app;
}

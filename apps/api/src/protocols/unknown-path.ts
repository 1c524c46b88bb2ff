import type { Context } from "hono";
import type { AppEnv } from "../app-env.js";
import { ApiError } from "../http/api-error.js";

const SERVES: Record<string, string> = {
  python: "GET [<snapshot>/]simple/, GET [<snapshot>/]files/<sha256>/<filename> and POST legacy/",
  r: "GET [<snapshot>/]src/contrib/PACKAGES[.gz|.rds] and the tarballs beside it",
  bioconductor: "GET [<snapshot>/]config.yaml, [<snapshot>/]src/contrib/… and [<snapshot>/]packages/<release>/<section>/src/contrib/…",
  conda: "GET [<snapshot>/][label/<label>/]<subdir>/repodata.json and its files (read-only: upload with `gatehouse add`)",
};

/** Refuses a path (or method) the repo's protocol does not serve, saying what it does serve. */
export function throwUnknownPath(c: Context<AppEnv>, repo: { name: string; type: string }): never {
  const serves = SERVES[repo.type] ?? "nothing else";
  throw new ApiError("ROUTE_NOT_FOUND", `no such resource: ${c.req.method} ${c.env?.redactedPath ?? c.req.path}; ${repo.type} repo '${repo.name}' serves ${serves}`);
}

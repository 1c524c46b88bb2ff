import type { RepoView } from "@gatehouse/domain";
import type { Context } from "hono";
import type { AppEnv } from "../app-env.js";

/** What a protocol handler gets for one request under `/<repo>/…`. */
export interface ProtocolRequest {
  c: Context<AppEnv>;
  view: RepoView;
  /** Path segments after the repo name (decoded), e.g. ["latest", "simple", "numpy", ""]. */
  segments: string[];
}

/** Serves one repo type's URL space (python, cran, conda). */
export interface ProtocolHandler {
  handle(request: ProtocolRequest): Promise<Response>;
}

import type { RepoReader, RepoView } from "@gatehouse/domain";
import type { Context } from "hono";
import type { AppEnv } from "../app-env.js";

/** A read under `/<repo>/…`: the catalog already checked read access and holds what this viewer may see. */
export interface ReadRequest {
  c: Context<AppEnv>;
  reader: RepoReader;
  /** Path segments after the repo name (decoded), e.g. ["latest", "simple", "numpy", ""]. */
  segments: string[];
}

/** A POST under `/<repo>/…` (an upload): no read check was made; the handler checks write access. */
export interface WriteRequest {
  c: Context<AppEnv>;
  view: RepoView;
  segments: string[];
}

/** Serves one repo type's URL space (python, cran, conda) by rendering what the catalog returns. */
export interface ProtocolHandler {
  read(request: ReadRequest): Promise<Response>;
  /** Uploads; a protocol without them answers POSTs like any unknown path (after the read check). */
  write?(request: WriteRequest): Promise<Response | undefined>;
}

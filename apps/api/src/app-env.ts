import type { Actor, Domain, TokenVerifier } from "@gatehouse/domain";
import type { Logger } from "pino";
import type { ServerConfig } from "./env.js";
import type { FailureLimiter } from "./middleware/failure-limiter.js";
import type { IndexCache } from "./protocols/index-cache.js";

/** Per-connection facts the server passes to the app alongside each request. */
export interface AppBindings {
  /** The token found in a `/t/<token>/` path segment (already stripped from the URL). */
  pathToken?: string;
  /** The path as the client sent it, with any path token redacted (for logs). */
  redactedPath?: string;
  /** Set for requests over the local admin socket: they act as the local operator. */
  local?: boolean;
  /** Client address, when the transport knows it. */
  address?: string;
  /** Set by the error handler: the error's message, which the server also sends as the HTTP reason phrase. */
  errorMessage?: string;
}

/** Values middleware sets for handlers. */
export interface AppVariables {
  actor: Actor;
}

/** Hono environment type for every route. */
export interface AppEnv {
  Bindings: AppBindings;
  Variables: AppVariables;
}

/** What the app is built from. */
export interface AppDeps {
  domain: Domain;
  verifier: TokenVerifier;
  config: ServerConfig;
  logger: Logger;
  limiter: FailureLimiter;
  /** The rendered index pages; the server passes its own so its fast path reads the same pages. */
  indexCache?: IndexCache;
}

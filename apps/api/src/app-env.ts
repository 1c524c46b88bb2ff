import type { Actor, AuthFailureAuditor, Domain, TokenVerifier } from "@gatehouse/domain";
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
  /** This request's id (`X-Request-Id`), shared by the access log and the audit log; set by the request-id middleware. */
  requestId?: string;
  /** When the presented token expires, set only when that is within 7 days (`Gatehouse-Token-Expires`). */
  tokenExpires?: string;
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
  /** Audits failed authentications, folding floods together; the app makes its own when not given one. */
  authFailures?: AuthFailureAuditor;
  /** The rendered index pages; the server passes its own so its fast path reads the same pages. */
  indexCache?: IndexCache;
}

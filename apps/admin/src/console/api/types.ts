// Shapes of the JSON API's bodies, written out by hand from the OpenAPI document
// (`GET /__api__/openapi.json`); the console is always served by the same server version.

/** A repo or source kind. */
export type RepoType = "python" | "r" | "bioconductor" | "conda";

/** A token's repos or sources: every one (`*`) or the named ones. */
export type ResourceList = "*" | string[];

/** A token as listings show it (never the secret). */
export interface TokenInfo {
  guid: string;
  display: string;
  name: string | null;
  style: "posit" | "anaconda";
  scopes: string[];
  repos: ResourceList;
  sources: ResourceList;
  description: string;
  user: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  status: "active" | "expired" | "revoked";
}

/** The creation response: the only time the plaintext token is seen. */
export interface CreatedToken extends TokenInfo {
  token: string;
}

/** Body of `POST /__api__/tokens`. */
export interface CreateTokenRequest {
  scopes: string[];
  repos?: ResourceList;
  sources?: ResourceList;
  expires?: string;
  description: string;
  user: string;
}

/** Which tokens `GET /__api__/tokens` lists besides active ones. */
export interface TokenFilters {
  expired: boolean;
  revoked: boolean;
}

/** A repo: what clients install from. */
export interface RepoInfo {
  id: string;
  name: string;
  type: RepoType;
  description: string;
  authenticated: boolean;
  sources: string[];
  createdAt: string;
}

/** Body of `POST /__api__/repos`. */
export interface CreateRepoRequest {
  name: string;
  type: string;
  description?: string;
  authenticated?: boolean;
}

/** A source: where packages live. */
export interface SourceInfo {
  id: string;
  name: string;
  kind: RepoType;
  type: "local" | "remote";
  createdAt: string;
}

/** Body of `POST /__api__/sources`. */
export interface CreateSourceRequest {
  name: string;
  kind: string;
}

/** A published package file. */
export interface FileInfo {
  id: string;
  source: string;
  filename: string;
  project: string;
  name: string;
  version: string;
  kind: string;
  sha256: string;
  md5: string;
  size: number;
  subdir: string | null;
  biocVersion: string | null;
  publishedAt: string;
  removedAt: string | null;
  labels: string[];
}

/** One audit log entry. */
export interface AuditEvent {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  outcome: string;
  address: string | null;
  detail: Record<string, unknown>;
}

/** Body of `POST /__api__/authorize/explain`: a token by plaintext or guid (neither: the caller's own). */
export interface ExplainRequest {
  token?: string;
  guid?: string;
  action: string;
  resource: string;
}

/** An authorization decision and why. */
export interface Explanation {
  allowed: boolean;
  action: string;
  grantedBy: string | null;
  explanation: string;
  subject: { display: string; user: string; scopes: string[] } | { kind: string };
}

/** Who the presented credentials are. */
export interface WhoAmI {
  authenticated: boolean;
  kind: "token" | "local" | "anonymous";
  user: string | null;
  token: { guid: string; display: string; scopes: string[] } | null;
}

import { ops } from "@gatehouse/api-contract";
import type { ApiClient, ApiResult } from "./client.js";
import { unwrap } from "./unwrap.js";
import type {
  AuditEvent,
  CreatedToken,
  CreateTokenRequest,
  Explanation,
  ExplainRequest,
  TokenFilters,
  TokenInfo,
  WhoAmI,
} from "./types.js";

/** Who the signed-in token is. */
export function fetchWhoAmI(api: ApiClient): Promise<ApiResult<WhoAmI>> {
  return api.call(ops.account.whoami, {});
}

/** Active tokens plus the expired/revoked ones asked for. */
export async function listTokens(api: ApiClient, filters: TokenFilters): Promise<ApiResult<TokenInfo[]>> {
  const query = { expired: filters.expired ? "true" : undefined, revoked: filters.revoked ? "true" : undefined } as const;
  return unwrap(await api.call(ops.tokens.list, { query }), (b) => b.tokens);
}

/** Creates a token; the answer holds the plaintext token, shown once. */
export function createToken(api: ApiClient, request: CreateTokenRequest): Promise<ApiResult<CreatedToken>> {
  return api.call(ops.tokens.create, { body: request });
}

/** Revokes a token by guid (permanent). */
export function revokeToken(api: ApiClient, guid: string): Promise<ApiResult<TokenInfo>> {
  return api.call(ops.tokens.delete, { params: { guid } });
}

/** The audit log, newest first; `action` is an action or its start (`token` matches `token.create`). */
export async function listAuditEvents(api: ApiClient, filter: { limit: number; action?: string; actor?: string; since?: string }): Promise<ApiResult<AuditEvent[]>> {
  const query = { limit: String(filter.limit), action: filter.action || undefined, actor: filter.actor || undefined, since: filter.since || undefined };
  return unwrap(await api.call(ops.system.audit, { query }), (b) => b.events);
}

/** Explains an access decision; the token to explain goes in the body, never the URL. */
export function explainAccess(api: ApiClient, request: ExplainRequest): Promise<ApiResult<Explanation>> {
  return api.call(ops.account.explain, { body: request });
}


import { ANONYMOUS_ACTOR, type RefusedWrite, recordForbidden, recordRefusedWrite } from "@gatehouse/domain";
import type { Context } from "hono";
import type { AppDeps, AppEnv } from "../app-env.js";

const NON_PROTOCOL = /^\/__(api|admin|local)__(\/|$)/;

/**
 * Whether a request writes packages: an upload (`PUT /__api__/sources/…/files/…`, a protocol
 * POST such as twine's) or a delete (any DELETE). Other refusals are audited only when 403.
 */
export function refusedWriteKind(method: string, path: string): RefusedWrite | null {
  if (method === "DELETE") return "delete";
  if (method === "PUT" && /^\/__api__\/sources\/[^/]+\/files\/[^/]+$/.test(path)) return "upload";
  if (method === "POST" && !NON_PROTOCOL.test(path) && path !== "/healthz" && path !== "/metrics") return "upload";
  return null;
}

/**
 * Audits one refusal the error handler answers: a refused upload or delete (4xx but 401 — the
 * authentication middleware audits those — and 429, or 507) as `upload.refused` / `delete.refused`,
 * any other 403 as `auth.forbidden`. Fire and forget: the answer never waits for, or fails with, the write.
 */
export function auditRefusal(deps: Pick<AppDeps, "domain">, c: Context<AppEnv>, status: number, error: { code: string; message: string }): void {
  const kind = refusedWriteKind(c.req.method, c.req.path);
  const refusal = {
    target: c.env?.redactedPath ?? c.req.path,
    address: c.env?.address ?? null,
    code: error.code,
    message: error.message,
    requestId: c.env?.requestId ?? null,
  };
  const actor = c.get("actor") ?? ANONYMOUS_ACTOR;
  const refusedWrite = kind !== null && ((status >= 400 && status < 500 && status !== 401 && status !== 429) || status === 507);
  if (refusedWrite) void recordRefusedWrite(deps.domain, actor, kind, refusal, status).catch(() => undefined);
  else if (status === 403) void recordForbidden(deps.domain, actor, refusal).catch(() => undefined);
}

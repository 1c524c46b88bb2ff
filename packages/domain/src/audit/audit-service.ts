import { type Actor, describeActor, requireAllowed } from "../auth/index.js";
import type { DomainContext } from "../context.js";
import { type AuditEvent, type AuditFilter, recordAudit, selectAuditEvents } from "./audit-log.js";

/** A presented token the server refused (401), as the audit log names it: never the secret. */
export interface AuthFailure {
  /** Why: malformed, unknown, expired or revoked. */
  reason: string;
  /** Where the token was presented: basic, bearer or path. */
  via: string;
  /** The request path, with any `/t/<token>/` already redacted. */
  target: string;
  address: string | null;
  /** The refused token when it is a real one (expired or revoked): its GUID and display form. */
  token?: { guid: string; display: string };
  requestId?: string | null;
}

/** A request refused with 403, as the audit log records it. */
export interface Refusal {
  /** The request path, with any `/t/<token>/` already redacted. */
  target: string;
  address: string | null;
  /** The error code answered (FORBIDDEN, BLOCKED, …) and its message. */
  code: string;
  message: string;
  requestId?: string | null;
}

/** What a refused write was: an upload (any protocol or the API) or a delete. */
export type RefusedWrite = "upload" | "delete";

// The app already redacts; this second pass is cheap and keeps a secret out of
// the log even if a caller passes a raw path.
export function redact(text: string): string {
  return text.replace(/\/t\/[^/?#\s]+/g, "/t/<redacted>").replace(/gth-[A-Za-z0-9]{46}/g, "gth-<redacted>");
}

/**
 * Records a refused token (`auth.failure`, outcome `denied`).
 * @example await recordAuthFailure(domain, { reason: "revoked", via: "bearer", target: "/__api__/whoami", address, token })
 */
export async function recordAuthFailure(ctx: DomainContext, failure: AuthFailure): Promise<void> {
  await recordAudit(ctx.db, {
    actor: "anonymous",
    action: "auth.failure",
    target: redact(failure.target),
    outcome: "denied",
    address: failure.address,
    detail: {
      reason: failure.reason,
      via: failure.via,
      ...(failure.token ? { guid: failure.token.guid, display: failure.token.display } : {}),
    },
    requestId: failure.requestId ?? null,
  });
}

/**
 * Records a request refused with 403 (`auth.forbidden`, outcome `denied`), naming the actor.
 * @example await recordForbidden(domain, actor, { target: "/__api__/tokens", address, code: "FORBIDDEN", message })
 */
export async function recordForbidden(ctx: DomainContext, actor: Actor, refusal: Refusal): Promise<void> {
  await recordAudit(ctx.db, {
    actor: describeActor(actor),
    action: "auth.forbidden",
    target: redact(refusal.target),
    outcome: "denied",
    address: refusal.address,
    detail: { code: refusal.code, message: redact(refusal.message) },
    requestId: refusal.requestId ?? null,
  });
}

/**
 * Records a refused upload or delete (`upload.refused` / `delete.refused`, outcome `denied`) with the
 * status, code and reason answered: never the request's bytes, only what the error said.
 * @example await recordRefusedWrite(domain, actor, "upload", { target: "/pypi/legacy/", address, code: "CONFLICT", message, requestId }, 409)
 */
export async function recordRefusedWrite(ctx: DomainContext, actor: Actor, kind: RefusedWrite, refusal: Refusal, status: number): Promise<void> {
  await recordAudit(ctx.db, {
    actor: describeActor(actor),
    action: `${kind}.refused`,
    target: redact(refusal.target),
    outcome: "denied",
    address: refusal.address,
    detail: { status, code: refusal.code, reason: redact(refusal.message) },
    requestId: refusal.requestId ?? null,
  });
}

/** The newest audit events first; reading the log needs `api:read` (or `global:admin`). */
export async function listAuditEvents(ctx: DomainContext, actor: Actor, filter: AuditFilter = {}): Promise<AuditEvent[]> {
  requireAllowed(actor, "api:read");
  return selectAuditEvents(ctx.db, filter);
}

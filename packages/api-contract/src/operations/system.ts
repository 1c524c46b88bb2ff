import { z } from "zod";
import { operation } from "../operation.js";
import { auditEvent, auditQuery, bootstrapBody, gcBody, gcReport } from "../schemas/system.js";
import { createdToken } from "../schemas/tokens.js";

/** The audit log, garbage collection, and the local operator's first admin token. */
export const systemOperations = {
  audit: operation({
    id: "system.audit",
    method: "GET",
    path: "/__api__/audit",
    tag: "system",
    summary: "Recent audit events, newest first",
    description: "Filters combine: an action or its start, who acted, what was acted on (or its start), and a time window.",
    scopes: "global:admin or api:read",
    query: auditQuery,
    response: z.object({ events: z.array(auditEvent) }),
    success: 200,
    example: {
      response: {
        events: [
          { id: 42, at: "2026-12-01T10:00:00.000Z", actor: "admin (gth-…9c1d)", action: "token.create", target: "token:tok_01JC3Z8Q4K6W", outcome: "ok", address: "10.0.0.5", detail: { scopes: ["repos:read"] }, requestId: "req_01JC3Z9A" },
        ],
      },
    },
  }),
  gc: operation({
    id: "system.gc",
    method: "POST",
    path: "/__api__/gc",
    tag: "system",
    summary: "Collect garbage: staged files of uploads that will never finish, stale multipart uploads, and stored files no file row references",
    scopes: "global:admin",
    body: gcBody,
    response: gcReport,
    success: 200,
    example: {
      body: { dryRun: true, minAgeSeconds: 600 },
      response: { dryRun: true, staging: { files: 2, bytes: 5120, multipartUploads: 0 }, reservations: { expired: 0 }, blobs: { scanned: 120, kept: 1, removed: 3, bytes: 1048576 }, durationMs: 84 },
    },
  }),
  bootstrap: operation({
    id: "local.bootstrap",
    method: "POST",
    path: "/__local__/bootstrap",
    tag: "local",
    summary: "Create the first global:admin token (the plaintext appears only in this answer)",
    description: "Served only to the local operator (the admin socket in the data folder, or the CLI in-process), never over the network. Refused while a live global:admin token exists unless forced.",
    scopes: "the local operator only",
    body: bootstrapBody,
    response: createdToken,
    success: 201,
  }),
} as const;

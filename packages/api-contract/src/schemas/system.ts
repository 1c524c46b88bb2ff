import { z } from "zod";
import { strictBody, strictFields } from "./strict.js";

const isoInstant = z.iso
  .datetime({ offset: true, message: "use an ISO 8601 time such as 2026-03-01T00:00:00Z or a date 2026-03-01" })
  .or(z.iso.date());

export const auditQuery = strictFields({
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  action: z.string().optional().describe("an action or its start: token matches token.create and token.revoke"),
  actor: z.string().optional().describe("local, anonymous, a user name or a token's display form"),
  since: isoInstant.optional(),
  until: isoInstant.optional().describe("only events before this time"),
  target: z.string().optional().describe("what was acted on, or its start: token: matches every token, /pypi/ every path under it"),
});
/** The audit log's filters as a client passes them. */
export type AuditQuery = z.input<typeof auditQuery>;

/** One audit log entry: who did what to what, when and from where; never a secret. */
export const auditEvent = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  outcome: z.string(),
  address: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  requestId: z.string().nullable(),
});
export type AuditEvent = z.output<typeof auditEvent>;

export const gcBody = strictBody({
  dryRun: z.boolean().optional().describe("count what would be removed, remove nothing"),
  minAgeSeconds: z
    .number()
    .int("minAgeSeconds must be a whole number of seconds")
    .min(0, "minAgeSeconds may not be negative")
    .optional()
    .describe("unreferenced files younger than this are kept (default 3600)"),
});

/** What one collection removed (or, dry, would remove). */
export const gcReport = z.object({
  dryRun: z.boolean(),
  staging: z.object({ files: z.number(), bytes: z.number(), multipartUploads: z.number() }),
  reservations: z.object({ expired: z.number() }),
  blobs: z.object({ scanned: z.number(), kept: z.number(), removed: z.number(), bytes: z.number() }),
  durationMs: z.number(),
});
export type GcReport = z.output<typeof gcReport>;

export const bootstrapBody = z.object({ force: z.boolean().default(false), user: z.string().optional() });

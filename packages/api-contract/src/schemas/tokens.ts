import { z } from "zod";

/** A token's repos or sources: every one (`*`), a list, or a comma-separated string. */
export const resourceListInput = z.union([z.literal("*"), z.array(z.string()), z.string()]);
/** A token's repos or sources as the server reports them. */
export const resourceList = z.union([z.literal("*"), z.array(z.string())]);

/** A token as listings show it: never its plaintext. */
export const tokenInfo = z.object({
  guid: z.string(),
  display: z.string(),
  name: z.string().nullable(),
  style: z.enum(["posit", "anaconda"]),
  scopes: z.array(z.string()),
  repos: resourceList,
  sources: resourceList,
  description: z.string(),
  user: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  status: z.enum(["active", "expired", "revoked"]),
  expiresSoon: z.boolean().describe("active and expiring within 7 days"),
});
export type TokenInfo = z.output<typeof tokenInfo>;

/** The creation answer: the only time the plaintext is seen. */
export const createdToken = tokenInfo.extend({ token: z.string() });
export type CreatedToken = z.output<typeof createdToken>;

export const createTokenBody = z.object({
  scopes: z.union([z.array(z.string()), z.string()]).describe("scope names, as a list or a space/comma separated string"),
  repos: resourceListInput.optional(),
  sources: resourceListInput.optional(),
  expires: z.string().optional().describe("45s, 5m, 12h, 30d or never"),
  description: z.string().max(500, "at most 500 characters"),
  user: z.string().min(1, "a user is required"),
  name: z.string().optional(),
  org: z.string().optional(),
});
export type CreateTokenBody = z.input<typeof createTokenBody>;

export const listTokensQuery = z.object({
  expired: z.enum(["true", "false"]).optional(),
  revoked: z.enum(["true", "false"]).optional(),
  style: z.enum(["posit", "anaconda"]).optional(),
  user: z.string().optional(),
});

export const revokeTokenBody = z.union([z.object({ guid: z.string() }), z.object({ token: z.string() }), z.object({ name: z.string(), user: z.string().optional() })]);

/** Reports per request at most: GitHub's secret scanning sends a batch. */
export const MAX_TOKENS_PER_LEAK_REPORT = 100;
const leakedToken = z.object({ token: z.string().max(1000, "at most 1000 characters") }).passthrough();
/** One token as `{"token": …}`, or GitHub's secret-scanning partner batch `[{"token": …, "type": …, "url": …}]`. */
export const leakReportBody = z.union([
  leakedToken,
  z.array(leakedToken).min(1, "at least one token").max(MAX_TOKENS_PER_LEAK_REPORT, `at most ${MAX_TOKENS_PER_LEAK_REPORT} tokens`),
]);
export const leakReportAccepted = z.object({ status: z.literal("accepted"), received: z.number() });

import { z } from "zod";
import { tokenInfo } from "./tokens.js";

/** Who is calling: a token's holder, the local operator (admin socket or in-process CLI), or nobody. */
export const actorKind = z.enum(["token", "local", "anonymous"]);

/** Who the presented credentials are, and what their token holds (never the secret). */
export const whoAmI = z.object({
  authenticated: z.boolean().describe("a token's holder or the local operator"),
  kind: actorKind,
  user: z.string().nullable(),
  token: tokenInfo.nullable().describe("the token presented, as listings show it, or null without one"),
});
export type WhoAmI = z.output<typeof whoAmI>;

export const explainBody = z.object({
  token: z.string().optional().describe("the token to explain, by plaintext (in the body, never a URL)"),
  guid: z.string().optional().describe("or its guid; neither: the caller's own credentials"),
  action: z.string().min(1, "an action is required, e.g. repo:read"),
  resource: z.string().default("").describe("repo:NAME, source:NAME, or empty for global actions"),
});
/** What a client sends to `POST /__api__/authorize/explain`. */
export type ExplainRequest = z.input<typeof explainBody>;

const repoType = z.enum(["python", "r", "bioconductor", "conda"]);

/** What a decision was about, with the repo's type or source's kind the server filled in. */
export const decisionResource = z.object({
  repo: z.string().optional(),
  repoType: repoType.optional(),
  source: z.string().optional(),
  sourceKind: repoType.optional(),
});

/** An authorization decision, why, and whose credentials it is about. */
export const explanation = z.object({
  allowed: z.boolean(),
  action: z.string(),
  resource: decisionResource,
  grantedBy: z.string().nullable().describe("the scope or grant that allows it, or null"),
  explanation: z.string(),
  subject: z.union([
    z.object({ display: z.string(), user: z.string(), scopes: z.array(z.string()) }).describe("a token named by plaintext or guid"),
    z.object({ kind: z.string() }).describe("the caller's own credentials"),
  ]),
});
export type Explanation = z.output<typeof explanation>;

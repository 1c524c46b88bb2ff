import { operation } from "../operation.js";
import { exampleToken } from "./example-token.js";
import { explainBody, explanation, whoAmI } from "../schemas/account.js";

/** `/__api__/whoami` and `/__api__/authorize/explain`: what the caller's (or a token's) credentials allow. */
export const accountOperations = {
  whoami: operation({
    id: "account.whoami",
    method: "GET",
    path: "/__api__/whoami",
    tag: "account",
    summary: "Who the presented credentials are (a token's expiry is flagged when within 7 days)",
    scopes: "any caller",
    response: whoAmI,
    success: 200,
    example: {
      response: {
        authenticated: true,
        kind: "token",
        user: "ci",
        token: { ...exampleToken, lastUsedAt: "2026-12-01T08:00:00.000Z" },
      },
    },
  }),
  explain: operation({
    id: "account.explain",
    method: "POST",
    path: "/__api__/authorize/explain",
    tag: "account",
    summary: "Explain whether a token may do an action on a resource, and why",
    description: "The token goes in the body, never the URL. Without token or guid the caller's own credentials are explained.",
    scopes: "any token for itself; global:admin for others",
    body: explainBody,
    response: explanation,
    success: 200,
    example: {
      body: { guid: "tok_01JC3Z8Q4K6W", action: "repo:read", resource: "repo:pypi" },
      response: {
        allowed: true,
        action: "repo:read",
        resource: { repo: "pypi", repoType: "python" },
        grantedBy: "repos:read",
        explanation: "allowed: repos:read covers repo pypi",
        subject: { display: "gth-…7f3a", user: "ci", scopes: ["repos:read"] },
      },
    },
  }),
} as const;

import { z } from "zod";
import { operation } from "../operation.js";
import { exampleToken } from "./example-token.js";
import { createdToken, createTokenBody, leakReportAccepted, leakReportBody, listTokensQuery, revokeTokenBody, tokenInfo } from "../schemas/tokens.js";

/** `/__api__/tokens`: create (plaintext shown once), list, revoke, report a leaked one. */
export const tokenOperations = {
  create: operation({
    id: "tokens.create",
    method: "POST",
    path: "/__api__/tokens",
    tag: "tokens",
    summary: "Create a token (the plaintext appears only in this answer)",
    scopes: "global:admin (or api:write for your own user)",
    body: createTokenBody,
    response: createdToken,
    success: 201,
    example: {
      body: { scopes: ["repos:read"], repos: ["pypi"], expires: "90d", description: "CI reads pypi", user: "ci" },
      response: { ...exampleToken, token: "gth-EXAMPLEexampleEXAMPLEexampleEXAMPLE" },
    },
  }),
  list: operation({
    id: "tokens.list",
    method: "GET",
    path: "/__api__/tokens",
    tag: "tokens",
    summary: "List tokens (active only unless expired/revoked are asked for)",
    scopes: "global:admin (or api:write for your own)",
    query: listTokensQuery,
    response: z.object({ tokens: z.array(tokenInfo) }),
    success: 200,
    example: { response: { tokens: [exampleToken] } },
  }),
  revoke: operation({
    id: "tokens.revoke",
    method: "POST",
    path: "/__api__/tokens/revoke",
    tag: "tokens",
    summary: "Revoke a token by guid, plaintext or name (permanent)",
    scopes: "global:admin (or api:write for your own)",
    body: revokeTokenBody,
    response: tokenInfo,
    success: 200,
    example: { body: { guid: exampleToken.guid }, response: { ...exampleToken, revokedAt: "2026-12-01T10:00:00.000Z", status: "revoked" } },
  }),
  revokeLeaked: operation({
    id: "tokens.revokeLeaked",
    method: "POST",
    path: "/__api__/tokens/revoke-leaked",
    tag: "tokens",
    summary: "Revoke a leaked token (no credentials needed: holding it is the proof); always 202",
    description: "The answer is the same whether the token existed, was already revoked or is malformed, so it tells nobody whether a string is a live token.",
    scopes: "none",
    body: leakReportBody,
    response: leakReportAccepted,
    success: 202,
    example: { body: [{ token: "gth-EXAMPLEexampleEXAMPLEexampleEXAMPLE", type: "gatehouse_token", url: "https://github.com/o/r/blob/main/x" }], response: { status: "accepted", received: 1 } },
  }),
  delete: operation({
    id: "tokens.delete",
    method: "DELETE",
    path: "/__api__/tokens/:guid",
    tag: "tokens",
    summary: "Revoke a token by guid (permanent)",
    scopes: "global:admin",
    paramDocs: { guid: "the token's guid (tok_…)" },
    response: tokenInfo,
    success: 200,
  }),
} as const;

// One token as the examples of several operations show it (tokens, whoami), so they agree.

/** An active repos:read token, as listings show it. */
export const exampleToken = {
  guid: "tok_01JC3Z8Q4K6W",
  display: "gth-…7f3a",
  name: null,
  style: "posit",
  scopes: ["repos:read"],
  repos: ["pypi"],
  sources: "*",
  description: "CI reads pypi",
  user: "ci",
  createdAt: "2026-11-30T09:00:00.000Z",
  expiresAt: "2027-02-28T09:00:00.000Z",
  revokedAt: null,
  lastUsedAt: null,
  status: "active",
  expiresSoon: false,
} as const;

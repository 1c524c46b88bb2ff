import { describe, expect, it } from "vitest";
import { tokenStatus } from "./token-status.js";

const now = new Date("2025-06-01T12:00:00Z");
const before = new Date("2025-06-01T11:59:59Z");
const after = new Date("2025-06-01T12:00:01Z");

describe("tokenStatus", () => {
  it.each([
    ["no expiry, not revoked", null, null, "active"],
    ["expires later", after, null, "active"],
    ["expires exactly now", now, null, "expired"],
    ["expired before", before, null, "expired"],
    ["revoked, never expires", null, before, "revoked"],
    ["revoked and expired", before, before, "revoked"],
    ["revoked, expires later", after, before, "revoked"],
  ] as const)("%s → %s", (_label, expiresAt, revokedAt, expected) => {
    expect(tokenStatus({ expiresAt, revokedAt }, now)).toBe(expected);
  });
});

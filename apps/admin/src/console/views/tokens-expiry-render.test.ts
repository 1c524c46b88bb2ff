import { describe, expect, it } from "vitest";
import type { TokenInfo } from "../api/types.js";
import { renderTokenTable } from "./tokens-render.js";

const base: TokenInfo = {
  guid: "g-1",
  display: "gth-SSSS…SSSS",
  name: null,
  style: "posit",
  scopes: ["repos:read"],
  repos: ["pypi"],
  sources: [],
  description: "laptop",
  user: "ada",
  createdAt: "2026-03-01T00:00:00.000Z",
  expiresAt: "2026-03-04T00:00:00.000Z",
  revokedAt: null,
  lastUsedAt: null,
  status: "active",
  expiresSoon: true,
};

describe("the console's token list flags tokens expiring within 7 days", () => {
  it("shows an 'expires soon' badge on that row only, and never on a revoked token", () => {
    const rows = renderTokenTable([base, { ...base, guid: "g-2", expiresSoon: false, expiresAt: "2026-04-01T00:00:00.000Z" }, { ...base, guid: "g-3", status: "revoked" }], null)
      .value.split("<tr")
      .slice(1);
    const rowOf = (guid: string) => rows.find((r) => r.includes(guid)) ?? "";
    expect(rows.filter((r) => /g-[123]/.test(r))).toHaveLength(3);
    expect(rowOf("g-1")).toContain(">expires soon<");
    expect(rowOf("g-2")).not.toContain("expires soon");
    expect(rowOf("g-3")).not.toContain("expires soon");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { curl, curlAs } from "../support/curl.js";
import { type RunningGatehouse, startGatehouse } from "../support/gatehouse.js";

interface Listed {
  name: string;
  scopes: string[];
  expiresAt: string | null;
  user: string;
}

const YEAR_MS = 365 * 86_400_000;

describe("gatehouse auth: named Anaconda-style tokens (real server, real curl, the CLI)", () => {
  let gh: RunningGatehouse;
  beforeAll(async () => {
    gh = await startGatehouse();
  });
  afterAll(async () => {
    await gh?.stop();
  });

  it("creates a token that lives a year, lists it by name and removes it; the token is refused at once", () => {
    const before = Date.now();
    const created = gh.cli(["auth", "--create", "--name", "laptop", "--scopes", "repos conda:download", "--user", "alice"]);
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^gth-[A-Za-z0-9]{46}$/);
    expect(created.stderr).toContain("name:    laptop");

    const who = curl(["-H", `Authorization: Bearer ${token}`], `${gh.url}/__api__/whoami`);
    expect(JSON.parse(who.body)).toMatchObject({ user: "alice", token: { scopes: ["repos", "conda:download"] } });

    const listed = JSON.parse(gh.cli(["auth", "--list", "--user", "alice", "-o", "json"]).stdout) as Listed[];
    expect(listed.map((t) => [t.name, t.scopes])).toEqual([["laptop", ["repos", "conda:download"]]]);
    const expires = Date.parse(listed[0]?.expiresAt ?? "");
    expect(expires - before).toBeGreaterThanOrEqual(YEAR_MS - 60_000);
    expect(expires - before).toBeLessThanOrEqual(YEAR_MS + 60_000);
    const table = gh.cli(["auth", "--list", "--user", "alice"]).stdout;
    expect(table).toMatch(/^NAME\s+SCOPES\s+EXPIRES/);
    expect(table).toContain("laptop  repos conda:download");
    expect(table).not.toContain(token);

    const clash = gh.cli(["auth", "--create", "--name", "laptop", "--scopes", "repos", "--user", "alice"]);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain("already has a token named 'laptop'");

    const removed = gh.cli(["auth", "--remove", "laptop", "--user", "alice"]);
    expect(removed.code).toBe(0);
    expect(curlAs(token, `${gh.url}/__api__/whoami`).status).toBe(401);
    expect(JSON.parse(gh.cli(["auth", "--list", "--user", "alice", "-o", "json"]).stdout)).toEqual([]);
  });

  it("works remotely for the caller's own user, with --max-age, and refuses Posit-style scopes and missing flags", () => {
    const self = gh.cli(["auth", "--create", "--name", "self-service", "--scopes", "api:write pypi", "--user", "bob"]).stdout.trim();
    const ci = gh.remote(["auth", "--create", "--name", "ci", "--scopes", "pypi:download", "--max-age", "30d"], self);
    expect(ci.stderr).toContain("user:    bob");
    expect(ci.code).toBe(0);
    const listed = JSON.parse(gh.remote(["auth", "--list", "-o", "json"], self).stdout) as Listed[];
    expect(listed.map((t) => t.name).sort()).toEqual(["ci", "self-service"]);
    const ciExpiry = Date.parse(listed.find((t) => t.name === "ci")?.expiresAt ?? "");
    expect(Math.abs(ciExpiry - Date.now() - 30 * 86_400_000)).toBeLessThan(120_000);
    // A user's token cannot see or remove someone else's tokens.
    expect(gh.remote(["auth", "--remove", "laptop", "--user", "alice"], self).code).not.toBe(0);
    expect(gh.remote(["auth", "--remove", "ci"], self).code).toBe(0);

    const posit = gh.cli(["auth", "--create", "--name", "x", "--scopes", "repos:read", "--user", "bob"]);
    expect(posit.code).toBe(2);
    expect(posit.stderr).toContain("gatehouse create token");
    const noUser = gh.cli(["auth", "--list"]);
    expect(noUser.code).toBe(2);
    expect(noUser.stderr).toContain("--user");
    expect(gh.cli(["auth", "--create", "--list"]).code).not.toBe(0);
    expect(gh.cli(["auth", "--name", "x"]).code).not.toBe(0);
  });
});

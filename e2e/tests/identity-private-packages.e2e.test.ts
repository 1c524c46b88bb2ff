import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CurlResult, curl, curlAs } from "../support/curl.js";
import { type RunningGatehouse, startGatehouse } from "../support/gatehouse.js";
import { buildPythonPackage, resolvePython } from "../support/python-packages.js";

function ok(r: { code: number; stderr: string }, what: string): void {
  if (r.code !== 0) throw new Error(`${what} failed (${r.code}): ${r.stderr}`);
}

describe("private packages in a public python repo (real server, real curl, the CLI)", () => {
  let gh: RunningGatehouse;
  let work: string;
  const tokens: Record<"owner" | "member" | "stranger", string> = { owner: "", member: "", stranger: "" };
  let secretWheel = "";

  beforeAll(async () => {
    gh = await startGatehouse();
    work = mkdtempSync(join(tmpdir(), "gh-e2e-private-"));
    const python = resolvePython();
    const secret = buildPythonPackage(python, work, { name: "secret-sauce", version: "1.0" });
    const open = buildPythonPackage(python, work, { name: "open-pkg", version: "2.0" });
    secretWheel = secret.wheel.filename;

    ok(gh.cli(["create", "source", "--name", "internal", "--kind", "python"]), "create source");
    ok(gh.cli(["create", "repo", "--name", "pypi", "--type", "python"]), "create repo");
    ok(gh.cli(["subscribe", "--repo", "pypi", "--source", "internal"]), "subscribe");
    const mint = (user: string, scope: string[]) => {
      const r = gh.cli(["create", "token", ...scope, "--description", `${user} e2e`, "--user", user, "-q"]);
      ok(r, `token for ${user}`);
      return r.stdout.trim();
    };
    tokens.owner = mint("olga", ["--scope", "sources:write", "--sources", "internal"]);
    tokens.member = mint("alice", ["--scope", "repos:read", "--repos", "pypi"]);
    tokens.stranger = mint("sam", ["--scope", "repos:read", "--repos", "pypi"]);
    // The owner uploads (which makes them the package's owner) and makes it private with their own token.
    ok(gh.remote(["add", "--source", "internal", "--path", secret.wheel.path], tokens.owner), "owner upload");
    ok(gh.cli(["add", "--source", "internal", "--path", open.wheel.path]), "admin upload");
    ok(gh.remote(["set", "package-access", "--source", "internal", "--name", "Secret_Sauce", "--private", "true"], tokens.owner), "set private");
    ok(gh.cli(["create", "org", "--name", "ds"]), "create org");
    ok(gh.cli(["create", "group", "--org", "ds", "--name", "analysts"]), "create group");
    ok(gh.cli(["add", "member", "--org", "ds", "--group", "analysts", "--user", "alice"]), "add member");
    ok(gh.cli(["grant", "--org", "ds", "--group", "analysts", "--repo", "pypi", "--package", "secret-sauce", "--permission", "read"]), "grant");
  });
  afterAll(async () => {
    await gh?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const as = (who: keyof typeof tokens | "anonymous", path: string, args: string[] = []): CurlResult =>
    who === "anonymous" ? curl(args, `${gh.url}${path}`) : curlAs(tokens[who], `${gh.url}${path}`, args);

  it("lists the private package only to its owner, granted group members and admins (API listing)", () => {
    const seen = (who: keyof typeof tokens | "anonymous") => {
      const r = as(who, "/__api__/repos/pypi/packages");
      expect(r.status, who).toBe(200);
      return (JSON.parse(r.body) as { packages: { project: string }[] }).packages.map((p) => p.project);
    };
    expect(seen("anonymous")).toEqual(["open-pkg"]);
    expect(seen("stranger")).toEqual(["open-pkg"]);
    expect(seen("owner")).toEqual(["open-pkg", "secret-sauce"]);
    expect(seen("member")).toEqual(["open-pkg", "secret-sauce"]);
    const admin = curlAs(gh.adminToken, `${gh.url}/__api__/repos/pypi/packages`);
    expect(admin.body).toContain("secret-sauce");
  });

  it("leaves the private package out of /simple/ and answers 404 (never 403) for its page and its download", () => {
    const rootAnon = as("anonymous", "/pypi/simple/");
    expect(rootAnon.status).toBe(200);
    expect(rootAnon.body).toContain("open-pkg");
    expect(rootAnon.body).not.toContain("secret-sauce");
    expect(as("stranger", "/pypi/simple/").body).not.toContain("secret-sauce");
    expect(as("member", "/pypi/simple/").body).toContain("secret-sauce");

    const page = as("member", "/pypi/simple/secret-sauce/");
    expect(page.status).toBe(200);
    const href = /href="([^"#]+)#sha256=/.exec(page.body)?.[1];
    expect(href, page.body).toContain(secretWheel);
    const download = new URL(href ?? "", `${gh.url}/pypi/simple/secret-sauce/`).pathname;

    for (const who of ["anonymous", "stranger"] as const) {
      expect(as(who, "/pypi/simple/secret-sauce/").status, who).toBe(404);
      expect(as(who, download).status, who).toBe(404);
    }
    expect(as("owner", "/pypi/simple/secret-sauce/").status).toBe(200);
    expect(as("member", download).status).toBe(200);
    expect(as("owner", download).status).toBe(200);
  });

  it("shows the package to everyone once it is public again, and audits every change", () => {
    ok(gh.cli(["delete", "member", "--org", "ds", "--group", "analysts", "--user", "alice"]), "remove member");
    expect(as("member", "/__api__/repos/pypi/packages").body).not.toContain("secret-sauce");
    ok(gh.remote(["set", "package-access", "--source", "internal", "--name", "secret-sauce", "--private", "false"], tokens.owner), "set public");
    expect(as("anonymous", "/__api__/repos/pypi/packages").body).toContain("secret-sauce");
    // The anonymous root page was cached while the package was private; the change drops it.
    expect(as("anonymous", "/pypi/simple/").body).toContain("secret-sauce");
    expect(as("stranger", "/pypi/simple/secret-sauce/").status).toBe(200);

    const audit = curlAs(gh.adminToken, `${gh.url}/__api__/audit?limit=50`);
    const actions = (JSON.parse(audit.body) as { events: { action: string }[] }).events.map((e) => e.action);
    for (const action of ["org.create", "group.create", "group.member.add", "group.grant", "group.member.remove", "package.access"]) {
      expect(actions, action).toContain(action);
    }
  });
});

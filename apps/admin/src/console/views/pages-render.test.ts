import { describe, expect, it } from "vitest";
import type { AuditEvent, FileInfo, GroupInfo, OrgDetail, OrgInfo, PackageAccessInfo, RepoInfo, VisiblePackage } from "../api/types.js";
import { escapeHtml } from "../html/html.js";
import { buildClientSetups } from "../setup/client-setup.js";
import { renderClientSetups, renderRepoNav } from "../setup/setup-render.js";
import { renderOrgDetail, renderOrgPage } from "./org-render.js";
import { renderOrgTable } from "./orgs-render.js";
import { parseUploadTarget, renderCounts, renderEventList } from "./overview-render.js";
import { grantedGroups, renderPackageDetail, servingSources } from "./package-detail-render.js";
import { describeCount, matchesSearch, renderPackageList } from "./packages-render.js";
import { describePermission } from "./permissions.js";

const XSS = `<img src=x onerror="alert(1)">`;
const AT = "2025-01-02T03:04:05.000Z";

const repo = { name: "pypi", type: "python", authenticated: true, sources: ["local", "mirror"] } as RepoInfo;
const group: GroupInfo = {
  id: "grp_1",
  org: "ds",
  name: "analysts",
  members: [{ user: XSS, role: "member" }],
  grants: [
    { id: "g1", repo: "pypi", package: null, permission: "read", createdAt: AT },
    { id: "g2", repo: "pypi", package: "secret", permission: "admin", createdAt: AT },
  ],
  createdAt: AT,
};
const detail: OrgDetail = { id: "org_1", name: "ds", members: 1, groups: 1, createdAt: AT, memberList: [{ user: XSS, role: "owner" }], groupList: [group] };

function file(over: Partial<FileInfo>): FileInfo {
  return { id: "f", source: "local", filename: "x-1.0.tar.gz", project: "x", name: "x", version: "1.0", kind: "sdist", sha256: "ab".repeat(32), md5: "", size: 2048, subdir: null, biocVersion: null, publishedAt: AT, removedAt: null, labels: ["main"], yanked: false, yankedReason: null, ...over };
}

describe("organization pages", () => {
  it("links each org and offers delete", () => {
    const orgs: OrgInfo[] = [{ id: "o", name: "d s", members: 2, groups: 1, createdAt: AT }];
    const out = renderOrgTable(orgs).value;
    expect(out).toContain('href="#/orgs/d%20s"');
    expect(out).toContain('data-action="delete-org" data-org="d s"');
    expect(renderOrgTable([]).value).toContain("No organizations yet");
  });

  it("escapes member names and shows one revoke per grant with its CLI command", () => {
    const out = renderOrgDetail(detail, [repo]).value;
    expect(out).not.toContain("<img");
    expect(out.match(/data-action="revoke-grant"/g)).toHaveLength(2);
    expect(out).toContain('data-cli="gatehouse delete grant --org ds --group analysts --repo pypi --package secret"');
    expect(out).toContain("whole repo");
    expect(out).toContain(escapeHtml(describePermission("admin")));
    expect(out).toContain("token scopes stay the ceiling");
    expect(renderOrgPage("ds").value).toContain('data-action="delete-org"');
  });

  it.each([
    [[], "No groups yet"],
    [[{ ...group, grants: [], members: [] }], "No grants: members see only public repos and packages."],
  ])("explains an empty org or group (%#)", (groupList, text) => {
    expect(renderOrgDetail({ ...detail, groupList }, [repo]).value).toContain(text);
  });

  it("offers no grant form without repos to grant", () => {
    expect(renderOrgDetail(detail, []).value).not.toContain("grant-form");
  });
});

describe("package browser", () => {
  const pkg: VisiblePackage = { project: "x", name: XSS, versions: ["1.0", "2.0"] };

  it.each([
    ["requests requests", "REQ", true],
    ["requests requests", "  ", true],
    ["numpy numpy", "req", false],
  ])("search %j for %j → %s", (haystack, query, expected) => {
    expect(matchesSearch(haystack, query)).toBe(expected);
  });

  it("lists packages as keyboard-openable details, escaped", () => {
    const out = renderPackageList([pkg]).value;
    expect(out).toContain('<details class="package" data-project="x"');
    expect(out).not.toContain("<img");
    expect(out).toContain("2 versions");
    expect(describeCount(1, 2)).toBe("1 of 2 packages");
    expect(renderPackageList([]).value).toContain("serves you no packages");
  });

  it("serves a version from the first source holding it and marks the rest", () => {
    const files = [file({ source: "mirror", filename: "x-1.0-m.whl" }), file({ source: "local" }), file({ version: "2.0", source: "mirror", filename: "x-2.0.whl" }), file({ version: "3.0", filename: "x-3.0.whl" })];
    expect([...servingSources(files, ["local", "mirror"], new Set(pkg.versions))]).toEqual([["1.0", "local"], ["2.0", "mirror"]]);
    const out = renderPackageDetail({ repo: "pypi", pkg, files, access: [], sources: ["local", "mirror"], grants: null, indexUrl: "http://h/pypi/latest/simple/x/" }).value;
    expect(out.match(/>served</g)).toHaveLength(2);
    expect(out.match(/>not served</g)).toHaveLength(2);
    expect(out).toContain("ab".repeat(32));
    expect(out).toContain("2.0 KiB");
    expect(out).toContain("Access is not readable with this token");
  });

  it.each([
    [false, "public", "--private true", "Everyone who may read pypi."],
    [true, "private", "--private false", "its owner <strong>ann</strong>"],
  ])("shows access private=%s with the switch's CLI command", (isPrivate, badge, flag, who) => {
    const access: PackageAccessInfo = { source: "local", project: "x", private: isPrivate, owner: isPrivate ? "ann" : null, updatedAt: AT };
    const out = renderPackageDetail({ repo: "pypi", pkg, files: [], access: [access, null], sources: ["local"], grants: [], indexUrl: "u" }).value;
    expect(out).toContain(`>${badge}</span>`);
    expect(out).toContain(`aria-checked="${isPrivate}"`);
    expect(out).toContain(`gatehouse set package-access --source local --name x ${flag}`);
    expect(out).toContain(who);
  });

  it("finds the groups whose grants reach a package, on it or on the whole repo", () => {
    const grants = grantedGroups([detail], "pypi", "secret");
    expect(grants).toEqual([
      { org: "ds", group: "analysts", permission: "read", onPackage: false },
      { org: "ds", group: "analysts", permission: "admin", onPackage: true },
    ]);
    expect(grantedGroups([detail], "pypi", "other")).toHaveLength(1);
    expect(grantedGroups([detail], "cran", "secret")).toEqual([]);
    const out = renderPackageDetail({ repo: "pypi", pkg, files: [], access: [], sources: [], grants, indexUrl: "u" }).value;
    expect(out).toContain('<a href="#/orgs/ds">ds/analysts</a> admin on this package');
    expect(out).toContain("read on all of pypi");
  });

  it.each([
    ["sdist", ["yank", "remove-version"]],
    ["wheel", ["yank", "remove-version"]],
    ["conda", ["add-label", "remove-version"]],
    ["r-source", ["remove-version"]],
  ] as const)("offers the actions a %s file takes", (kind, actions) => {
    const out = renderPackageDetail({ repo: "pypi", pkg, files: [file({ kind, labels: ["main", "dev"] })], access: [], sources: ["local"], grants: [], indexUrl: "u" }).value;
    expect([...out.matchAll(/data-action="(yank|unyank|add-label|remove-version)"/g)].map((m) => m[1])).toEqual(actions);
    expect(out.includes('data-action="remove-label"')).toBe(kind === "conda");
  });

  it("offers unyank for a yanked file and nothing for a removed one", () => {
    const out = renderPackageDetail({ repo: "pypi", pkg, files: [file({ yanked: true }), file({ removedAt: AT, filename: "gone.tar.gz" })], access: [], sources: ["local"], grants: [], indexUrl: "u" }).value;
    expect(out.match(/data-action="unyank"/g)).toHaveLength(1);
    expect(out.match(/data-action="remove-version"/g)).toHaveLength(1);
  });

  it("shows yanked and removed files", () => {
    const out = renderPackageDetail({ repo: "pypi", pkg, files: [file({ yanked: true, yankedReason: "broken" }), file({ removedAt: AT })], access: [], sources: ["local"], grants: [], indexUrl: "u" }).value;
    expect(out).toContain('title="broken"');
    expect(out).toContain(">removed<");
  });
});

describe("setup page", () => {
  it("fills a minted token into every <token> but never into the upload placeholder", () => {
    const token = `gth-${"T".repeat(46)}`;
    const out = renderClientSetups(repo, buildClientSetups("http://h:4242", repo, ""), token).value;
    expect(out).toContain(`machine h login __token__ password ${token}`);
    expect(out).not.toContain("&lt;token&gt;");
    expect(out).toContain("&lt;upload-token&gt;");
    expect(renderClientSetups(repo, buildClientSetups("http://h:4242", repo, ""), null).value).toContain("password &lt;token&gt;");
  });

  it("marks the current repo sub-page", () => {
    expect(renderRepoNav("pypi", "setup").value).toContain('href="#/repos/pypi/setup" aria-current="page"');
  });
});

describe("overview", () => {
  const event = (id: number, action: string, target: string | null): AuditEvent => ({ id, at: AT, actor: "admin", action, target, outcome: "ok", address: "127.0.0.1", requestId: null, detail: {} });

  it.each([
    ["source:py-local/x-1.0.tar.gz", { source: "py-local", filename: "x-1.0.tar.gz" }],
    ["odd", { source: null, filename: "odd" }],
    [null, { source: null, filename: "" }],
  ])("reads the upload target %j", (target, expected) => {
    expect(parseUploadTarget(target)).toEqual(expected);
  });

  it("says when a count is not readable rather than showing 0", () => {
    const out = renderCounts([
      { label: "Repos", hash: "#/repos", count: { ok: true, value: 3 } },
      { label: "Tokens", hash: "#/tokens", count: { ok: false, error: { status: 403, code: "FORBIDDEN", message: "no" } } },
    ]).value;
    expect(out).toContain('<span class="count-value">3</span>');
    expect(out).toContain("not readable with this token");
  });

  it("lists uploads with their source and explains an empty list", () => {
    expect(renderEventList({ ok: true, value: [event(1, "file.publish", "source:py-local/x.whl")] }, "uploads").value).toContain('href="#/sources/py-local"');
    expect(renderEventList({ ok: true, value: [] }, "failures").value).toContain("No authentication failures");
  });
});

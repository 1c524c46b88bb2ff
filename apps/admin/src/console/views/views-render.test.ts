import { describe, expect, it } from "vitest";
import type { AuditEvent, BlocklistRuleInfo, CreatedToken, Explanation, PackageMetadataEntry, RepoInfo, SourceInfo, TokenInfo, WhoAmI } from "../api/types.js";
import { formatDetail, renderAuditTable } from "./audit-render.js";
import { describeRangeSyntax, describeRule, renderBlocklistForm, renderBlocklistPage, renderBlocklistTable, renderRepoChoices } from "./blocklist-render.js";
import { renderExplainPage, renderExplanation } from "./explain-render.js";
import { renderMetadataForm, renderMetadataPage, renderMetadataTable } from "./metadata-render.js";
import { renderRepoTable } from "./repos-render.js";
import { renderShell, renderSignIn } from "./shell-render.js";
import { renderFileTable, renderSourceTable } from "./sources-render.js";
import { renderCreatedToken, renderTokenForm, renderTokenTable } from "./tokens-render.js";

const XSS = `<img src=x onerror="alert(1)">`;
const SECRET = `gth-${"S".repeat(46)}`;

const token: TokenInfo = {
  guid: "g-1",
  display: "gth-SSSS…SSSS",
  name: null,
  style: "posit",
  scopes: ["repos:read"],
  repos: ["pypi"],
  sources: [],
  description: XSS,
  user: XSS,
  createdAt: "2025-01-02T03:04:05.000Z",
  expiresAt: null,
  revokedAt: null,
  lastUsedAt: null,
  status: "active",
  expiresSoon: false,
};

describe("token rendering", () => {
  it("escapes what users typed and offers revoke only for active tokens", () => {
    const out = renderTokenTable([token, { ...token, guid: "g-2", status: "revoked" }], null).value;
    expect(out).not.toContain("<img");
    expect(out).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(out.match(/data-action="revoke"/g)).toHaveLength(1);
    expect(out).toContain('<span class="badge badge-danger">revoked</span>');
  });

  it("flags an active token expiring within 7 days with an 'expires soon' badge, and no other row", () => {
    const soon = { ...token, guid: "g-soon", expiresAt: "2026-03-04T00:00:00.000Z", expiresSoon: true };
    const rows = renderTokenTable([soon, { ...token, guid: "g-later" }, { ...soon, guid: "g-gone", status: "revoked" }], null).value.split("<tr").slice(1);
    const rowOf = (guid: string) => rows.find((r) => r.includes(guid)) ?? "";
    expect(rows.filter((r) => /g-(soon|later|gone)/.test(r))).toHaveLength(3);
    expect(rowOf("g-soon")).toContain(">expires soon<");
    expect(rowOf("g-later")).not.toContain("expires soon");
    expect(rowOf("g-gone")).not.toContain("expires soon");
  });

  it("marks the signed-in token", () => {
    expect(renderTokenTable([token], "g-1").value).toContain('<span class="badge badge-info">you</span>');
    expect(renderTokenTable([token], "g-1").value).toContain('data-own="true"');
    expect(renderTokenTable([token], "other").value).not.toContain(">you<");
  });

  it("shows an empty state instead of an empty table", () => {
    expect(renderTokenTable([], null).value).toContain("No tokens match");
  });

  it("shows a new token once, with a warning and a copy button", () => {
    const created: CreatedToken = { ...token, token: SECRET };
    const out = renderCreatedToken(created).value;
    expect(out).toContain(`value="${SECRET}"`);
    expect(out).toContain("only time the token is shown");
    expect(out).toContain('data-action="copy-token"');
    expect(out).not.toContain("<img");
  });

  it("offers every current scope and no deprecated one", () => {
    const out = renderTokenForm().value;
    for (const scope of ["global:admin", "sources:write", "repos:read", "all", "conda:download", "pypi:upload"]) expect(out).toContain(`value="${scope}"`);
    expect(out).not.toContain('value="metadata:read"');
    expect(out).toContain('data-fields="expires"');
    expect(out).toContain('data-fields="scopes scope"');
  });
});

describe("repo and source rendering", () => {
  const repo: RepoInfo = { id: "r", name: "pypi", type: "python", description: XSS, authenticated: false, sources: ["a"], createdAt: "2025-01-01T00:00:00.000Z" };
  const sources: SourceInfo[] = [
    { id: "1", name: "a", kind: "python", type: "local", upstream: null, upstreamTokenEnv: null, createdAt: "2025-01-01T00:00:00.000Z" },
    { id: "2", name: "b", kind: "python", type: "local", upstream: null, upstreamTokenEnv: null, createdAt: "2025-01-01T00:00:00.000Z" },
  ];

  it("offers only sources the repo does not serve yet and shows the access switch", () => {
    const out = renderRepoTable([repo], sources).value;
    expect(out).toContain('<option value="b" >b (python)</option>');
    expect(out).not.toContain('<option value="a"');
    expect(out).toContain('aria-checked="false"');
    expect(out).not.toContain("<img");
  });

  it("links each source to its files, encoding the name", () => {
    expect(renderSourceTable([{ ...sources[0], name: "a b" } as SourceInfo]).value).toContain('href="#/sources/a%20b"');
  });

  it("lists files with a short digest and the removal state", () => {
    const out = renderFileTable([
      { id: "f", source: "a", filename: "x-1.0.tar.gz", project: "x", name: "x", version: "1.0", kind: "sdist", sha256: "ab".repeat(32), md5: "", size: 2048, subdir: null, biocVersion: null, publishedAt: "2025-01-01T00:00:00.000Z", removedAt: "2025-02-01T00:00:00.000Z", labels: [], yanked: false, yankedReason: null },
    ]).value;
    expect(out).toContain("abababababab…");
    expect(out).toContain("2.0 KiB");
    expect(out).toContain("removed 2025-02-01 00:00 UTC");
  });
});

describe("blocklist rendering", () => {
  const rule: BlocklistRuleInfo = { id: "blk_1", name: "requests", versions: "<2.32", repo: "pypi", reason: XSS, createdBy: "admin", createdAt: "2025-01-02T03:04:05.000Z" };

  it.each([
    [rule, "<code>&lt;2.32</code>", "<td>pypi</td>"],
    [{ ...rule, versions: null }, '<span class="muted">every version</span>', "<td>pypi</td>"],
    [{ ...rule, repo: null }, "<code>&lt;2.32</code>", '<span class="muted">every repo</span>'],
  ])("shows a rule's range and repo, or says every (%#)", (r, versions, repo) => {
    const out = renderBlocklistTable([r]).value;
    expect(out).toContain(versions);
    expect(out).toContain(repo);
    expect(out).toContain("2025-01-02 03:04 UTC");
  });

  it("escapes the reason and offers a Delete button per rule", () => {
    const out = renderBlocklistTable([rule, { ...rule, id: "blk_2" }]).value;
    expect(out).not.toContain("<img");
    expect(out).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(out.match(/<button type="button" [^>]*data-action="delete-rule"/g)).toHaveLength(2);
    expect(out).toContain('data-id="blk_2"');
  });

  it("shows an empty state instead of an empty table", () => {
    expect(renderBlocklistTable([]).value).toContain("No blocklist rules");
  });

  it("labels every form control and names the API fields for error placement", () => {
    const out = renderBlocklistForm().value;
    for (const id of ["b-name", "b-repo", "b-versions", "b-reason"]) {
      expect(out).toContain(`<label for="${id}">`);
      expect(out).toContain(`id="${id}"`);
    }
    for (const field of ["name", "repo", "versions", "reason"]) expect(out).toContain(`data-fields="${field}"`);
    expect(out).toContain("gatehouse create blocklist-rule --name PACKAGE --reason REASON");
    expect(renderBlocklistPage().value).toContain("gatehouse list blocklist-rules");
  });

  it("offers every repo first, then each repo with its type", () => {
    const out = renderRepoChoices([{ name: "pypi", type: "python" }, { name: "cran", type: "r" }], "cran").value;
    expect(out).toBe('<option value="" >Every repo</option><option value="pypi" data-type="python" >pypi (python)</option><option value="cran" data-type="r" selected>cran (r)</option>');
  });

  it.each([
    ["", /valid in PEP 440, R and conda alike/],
    ["python", /PEP 440/],
    ["r", /\(>= 0\.40\)/],
    ["bioconductor", /R's/],
    ["conda", /match-spec/],
  ])("describes the range syntax of %j", (type, pattern) => {
    expect(describeRangeSyntax(type)).toMatch(pattern);
  });

  it("describes a rule in one phrase", () => {
    expect(describeRule(rule)).toBe("requests <2.32 in pypi");
    expect(describeRule({ name: "x", versions: null, repo: null })).toBe("x (every version) in every repo");
  });
});

describe("metadata rendering", () => {
  const note: PackageMetadataEntry = { name: "requests", key: "owner", value: `team ${XSS}`, updatedAt: "2025-01-02T03:04:05.000Z", updatedBy: "admin" };

  it("escapes values, keeps them editable and offers Edit and Delete per note", () => {
    const out = renderMetadataTable([note], {}).value;
    expect(out).not.toContain("<img");
    expect(out).toContain('<td class="note-value">team &lt;img');
    expect(out).toContain('data-value="team &lt;img src=x onerror=&quot;alert(1)&quot;&gt;"');
    expect(out).toContain('data-action="edit-note"');
    expect(out).toContain('data-action="delete-note"');
    expect(out).toContain('aria-label="Delete owner of requests"');
  });

  it.each([
    [{}, "No package notes yet."],
    [{ name: "<x>" }, "No notes on &lt;x&gt;."],
  ])("says what was filtered on when nothing matches (%j)", (filter, text) => {
    expect(renderMetadataTable([], filter).value).toContain(text);
  });

  it("labels the form and the filter and shows the CLI equivalents", () => {
    const form = renderMetadataForm().value;
    for (const id of ["m-name", "m-key", "m-value"]) expect(form).toContain(`<label for="${id}">`);
    expect(form).toContain("gatehouse set metadata --name PACKAGE --key KEY --value VALUE");
    const page = renderMetadataPage().value;
    expect(page).toContain('<label for="m-filter">');
    expect(page).toContain("gatehouse list metadata");
  });
});

describe("audit rendering", () => {
  it("keeps the server's order and escapes details", () => {
    const events: AuditEvent[] = [
      { id: 2, at: "2025-01-02T00:00:00.000Z", actor: "admin", action: "repo.create", target: "repo:x", outcome: "ok", address: null, requestId: null, detail: { note: XSS } },
      { id: 1, at: "2025-01-01T00:00:00.000Z", actor: "anonymous", action: "auth.failure", target: null, outcome: "denied", address: "10.0.0.1", requestId: "req-1", detail: {} },
    ];
    const out = renderAuditTable(events).value;
    expect(out.indexOf("repo.create")).toBeLessThan(out.indexOf("auth.failure"));
    expect(out).not.toContain("<img");
    expect(out).toContain('<span class="badge badge-warning">denied</span>');
  });

  it("formats details as key=json pairs", () => {
    expect(formatDetail({ scopes: ["pypi"], user: "ci" })).toBe('scopes=["pypi"] user="ci"');
    expect(formatDetail({})).toBe("");
  });
});

describe("explain rendering", () => {
  const base: Explanation = { allowed: true, action: "repo:read", resource: { repo: "pypi" }, grantedBy: "repos:read", explanation: "allowed: <ok>", subject: { display: "gth-AAAA…BBBB", user: "ci", scopes: ["repos:read"] } };

  it.each([
    [true, "ALLOWED", "verdict-allowed"],
    [false, "DENIED", "verdict-denied"],
  ])("allowed=%s shows %s", (allowed, word, cls) => {
    const out = renderExplanation({ ...base, allowed }).value;
    expect(out).toContain(`<div class="verdict-word">${word}</div>`);
    expect(out).toContain(cls);
    expect(out).toContain("allowed: &lt;ok&gt;");
  });

  it("names the caller's own credentials when no token was given", () => {
    expect(renderExplanation({ ...base, grantedBy: null, subject: { kind: "token" } }).value).toContain("your own credentials (token)");
  });

  it("offers every action", () => {
    expect(renderExplainPage().value).toContain('<option value="repo:read" selected>repo:read</option>');
    expect(renderExplainPage().value).toContain('<option value="tokens:manage" >');
  });
});

describe("shell rendering", () => {
  const who: WhoAmI = { authenticated: true, kind: "token", user: XSS, token: { ...token, guid: "g", display: "gth-AAAA…BBBB", scopes: ["global:admin"] } };

  it("shows who is signed in, escaped, and marks the current tab", () => {
    const out = renderShell(who, "repos").value;
    expect(out).not.toContain("<img");
    expect(out).toContain('<a href="#/repos" class="tab" aria-current="page">Repos</a>');
    expect(out).toContain('data-action="sign-out"');
    expect(renderShell(who, "blocklist").value).toContain('<a href="#/blocklist" class="tab" aria-current="page">Blocklist</a>');
    expect(renderShell(who, "metadata").value).toContain('<a href="#/metadata" class="tab" aria-current="page">Metadata</a>');
  });

  it("shows the sign-in message only when there is one", () => {
    expect(renderSignIn(null).value).toMatch(/class="form-error[^"]*" role="alert" hidden>/);
    expect(renderSignIn("Session <ended>").value).toContain("Session &lt;ended&gt;");
  });
});

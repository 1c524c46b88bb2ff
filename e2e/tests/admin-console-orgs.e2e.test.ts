import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchChromium, openRecordedPage, type PageRecorder } from "../support/browser.js";
import { curlAs } from "../support/curl.js";
import { type RunningGatehouse, startGatehouse } from "../support/gatehouse.js";
import { type BuiltPythonFile, buildPythonPackage, resolvePython } from "../support/python-packages.js";

const WIDE = { width: 1280, height: 800 };
// A phone-sized viewport: the screens must not scroll sideways (only a wide table may, inside its own box).
const NARROW = { width: 390, height: 844 };

interface ApiGroup {
  name: string;
  members: { user: string }[];
  grants: { repo: string; package: string | null; permission: string }[];
}

describe.skipIf(!hasChromium())("admin console: organizations, package browser and setup page in real Chromium", () => {
  let gh: RunningGatehouse;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let recorder: PageRecorder;
  let workDir: string;
  let wheel: BuiltPythonFile;
  let oldWheel: BuiltPythonFile;
  const secrets: string[] = [];

  beforeAll(async () => {
    gh = await startGatehouse();
    secrets.push(gh.adminToken);
    workDir = mkdtempSync(join(tmpdir(), "gh-console-orgs-"));
    const python = resolvePython();
    const secret10 = buildPythonPackage(python, workDir, { name: "secret-sauce", version: "1.0" });
    const secret11 = buildPythonPackage(python, workDir, { name: "secret-sauce", version: "1.1" });
    const lib = buildPythonPackage(python, workDir, { name: "public-lib", version: "0.1" });
    wheel = secret11.wheel;
    oldWheel = secret10.wheel;
    for (const args of [
      ["create", "repo", "--name", "pypi", "--type", "python"],
      ["create", "repo", "--name", "cran", "--type", "r"],
      ["create", "source", "--name", "py-local", "--kind", "python"],
      ["subscribe", "--repo", "pypi", "--source", "py-local"],
      ["add", "--source", "py-local", "--path", [secret10.wheel, secret10.sdist, secret11.wheel, lib.wheel].map((f) => f.path).join(",")],
    ]) {
      const r = gh.cli(args);
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(0);
    }
    browser = await launchChromium();
    ({ context, page, recorder } = await openRecordedPage(browser));
    await page.setViewportSize(WIDE);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await gh?.stop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  function api<T>(path: string, args: readonly string[] = []): { status: number; body: T } {
    const r = curlAs(gh.adminToken, `${gh.url}${path}`, args);
    return { status: r.status, body: JSON.parse(r.body) as T };
  }

  function groups(): ApiGroup[] {
    return api<{ groups: ApiGroup[] }>("/__api__/orgs/data-science/groups").body.groups;
  }

  async function sidewaysScroll(target: Page): Promise<number> {
    // A string, as in admin-console.e2e.test.ts: the e2e project is compiled without DOM types.
    return Number(await target.evaluate("document.documentElement.scrollWidth - window.innerWidth"));
  }

  async function shoot(name: string): Promise<void> {
    await page.screenshot({ path: `/tmp/gatehouse-console-${name}.png`, fullPage: true });
    await page.setViewportSize(NARROW);
    await page.screenshot({ path: `/tmp/gatehouse-console-${name}-narrow.png`, fullPage: true });
    expect(await sidewaysScroll(page)).toBe(0);
    await page.setViewportSize(WIDE);
  }

  async function confirm(expectedCommand: string): Promise<void> {
    const dialog = page.locator("dialog.confirm");
    await dialog.waitFor();
    expect(await dialog.locator(".cli-text").textContent()).toBe(expectedCommand);
    await dialog.locator("button[value=confirm]").click();
    await dialog.waitFor({ state: "detached" });
  }

  it("signs in and creates an organization with an owner, showing the CLI command", async () => {
    await page.goto(`${gh.url}/__admin__/`);
    await page.fill("#signin-token", gh.adminToken);
    await page.click("button[type=submit]");
    await page.locator(".whoami-user").waitFor();
    await page.click("nav.tabs >> text=Organizations");
    await page.locator("main#view .empty", { hasText: "No organizations yet" }).waitFor();
    expect(await page.title()).toBe("Organizations · Gatehouse");

    await page.click("[data-action=show-create]");
    await page.fill("#o-name", "data-science");
    await page.fill("#o-owner", "alice@example.com");
    expect(await page.textContent("[data-cli=create] .cli-text")).toBe("gatehouse create org --name data-science --owner alice@example.com");
    await page.press("#o-owner", "Enter");
    const row = page.locator("table.orgs tbody tr", { hasText: "data-science" });
    await row.waitFor();
    expect(await row.locator("td:nth-child(2)").textContent()).toBe("1");
    await row.locator("a", { hasText: "data-science" }).click();
    await page.locator("main#view h1", { hasText: "Organization data-science" }).waitFor();
    // The heading comes first and the detail once it is fetched: wait for the members table itself.
    await page.locator("table.members tbody tr").first().waitFor();
    expect(await page.locator("table.members tbody tr").allTextContents()).toEqual([expect.stringContaining("alice@example.com")]);
  });

  it("creates a group, adds a member and grants it read on one package, explaining the permission", async () => {
    await page.fill("#new-group", "analysts");
    expect(await page.textContent("[data-cli=group] .cli-text")).toBe("gatehouse create group --org data-science --name analysts");
    await page.press("#new-group", "Enter");
    const group = page.locator("section.group[data-group=analysts]");
    await group.waitFor();

    await group.locator("input[name=user]").fill("bob@example.com");
    expect(await group.locator("[data-cli=group-member] .cli-text").textContent()).toBe("gatehouse add member --org data-science --group analysts --user bob@example.com");
    await group.locator("input[name=user]").press("Enter");
    await group.locator(".member-list li", { hasText: "bob@example.com" }).waitFor();

    const form = page.locator("section.group[data-group=analysts] form.grant-form");
    await form.locator("select[name=repo]").selectOption("pypi");
    await form.locator("input[name=package]").fill("secret-sauce");
    await form.locator("select[name=permission]").selectOption("write");
    expect(await form.locator(".permission-hint").textContent()).toBe("Upload to the repo's sources (includes read).");
    await form.locator("select[name=permission]").selectOption("read");
    expect(await form.locator(".permission-hint").textContent()).toMatch(/even when the repo is authenticated/);
    expect(await form.locator(".cli-text").textContent()).toBe("gatehouse grant --org data-science --group analysts --repo pypi --package secret-sauce --permission read");
    await form.locator("button[type=submit]").click();
    await page.locator("section.group[data-group=analysts] table.grants tbody tr", { hasText: "secret-sauce" }).waitFor();
    expect(await page.textContent(".permission-legend")).toMatch(/token scopes stay the ceiling/);

    expect(groups()).toEqual([
      expect.objectContaining({ name: "analysts", members: [expect.objectContaining({ user: "bob@example.com" })], grants: [expect.objectContaining({ repo: "pypi", package: "secret-sauce", permission: "read" })] }),
    ]);
    await shoot("org");
  });

  it("revokes a grant and removes a group member, each after a confirmation showing the CLI command", async () => {
    const group = page.locator("section.group[data-group=analysts]");
    await group.locator("[data-action=revoke-grant]").click();
    await page.screenshot({ path: "/tmp/gatehouse-console-org-confirm.png" });
    await confirm("gatehouse delete grant --org data-science --group analysts --repo pypi --package secret-sauce");
    await group.locator("text=No grants").waitFor();
    expect(groups()[0]?.grants).toEqual([]);

    await group.locator("[data-action=remove-group-member]").click();
    await confirm("gatehouse delete member --org data-science --group analysts --user bob@example.com");
    await page.locator("section.group[data-group=analysts] .member-list").waitFor({ state: "detached" });
    expect(groups()[0]?.members).toEqual([]);
  });

  it("browses a repo's packages: search, versions, files with hashes, granted groups and the snapshot URL", async () => {
    // A grant made from the CLI shows in the browser's "who can see it".
    expect(gh.cli(["grant", "--org", "data-science", "--group", "analysts", "--repo", "pypi", "--package", "secret-sauce", "--permission", "read"]).code).toBe(0);
    await page.goto(`${gh.url}/__admin__/#/repos/pypi`);
    await page.locator("main#view h1", { hasText: "Packages in pypi" }).waitFor();
    await page.locator("details.package").first().waitFor();
    expect(await page.locator("details.package .package-name").allTextContents()).toEqual(expect.arrayContaining(["secret-sauce", "public-lib"]));
    expect(await page.textContent(".dated-url")).toBe(`${gh.url}/pypi/latest/simple/`);

    await page.fill("#pk-filter", "SECRET");
    expect(await page.locator("details.package:not([hidden])").count()).toBe(1);
    expect(await page.textContent("[data-cli=info] .cli-text")).toBe("gatehouse info --repo pypi --name secret-sauce");
    await page.fill("#pk-snapshot", "2025-01-31");
    expect(await page.textContent(".dated-url")).toBe(`${gh.url}/pypi/2025-01-31/simple/`);
    await page.fill("#pk-snapshot", "");

    // Keyboard: focus the summary and open it with Enter.
    await page.focus("details.package[data-project=secret-sauce] > summary");
    await page.keyboard.press("Enter");
    const files = page.locator("details.package[data-project=secret-sauce] table.package-files tbody tr");
    await files.first().waitFor();
    expect(await files.count()).toBe(3);
    const row = files.filter({ hasText: wheel.filename });
    expect(await row.locator("code.digest-full").textContent()).toBe(wheel.sha256);
    expect(await row.locator("td:nth-child(5)").textContent()).toBe("py-local");
    expect(await row.locator("td:nth-child(8)").textContent()).toBe("served");
    expect(await page.textContent("details.package[data-project=secret-sauce] .package-url")).toBe(`${gh.url}/pypi/latest/simple/secret-sauce/`);
    expect(await page.textContent("details.package[data-project=secret-sauce] .granted-groups")).toMatch(/data-science\/analysts read on this package/);
  });

  it("makes a package private behind a confirmation that shows the CLI command", async () => {
    const detail = page.locator("details.package[data-project=secret-sauce]");
    await detail.locator("table.access .badge", { hasText: "public" }).waitFor();
    await detail.locator("[data-action=toggle-access]").click();
    await confirm("gatehouse set package-access --source py-local --name secret-sauce --private true");
    await detail.locator("table.access .badge", { hasText: "private" }).waitFor();
    expect(await detail.locator("[data-action=toggle-access]").getAttribute("aria-checked")).toBe("true");
    expect(api<{ private: boolean }>("/__api__/sources/py-local/packages/secret-sauce/access").body.private).toBe(true);
    await shoot("packages");
  });

  it("yanks a file with a reason and removes a version, each behind a confirmation with its CLI command", async () => {
    const detail = page.locator("details.package[data-project=secret-sauce]");
    const row = detail.locator(`tr[data-filename="${wheel.filename}"]`);
    await row.locator("[data-action=yank]").click();
    const prompt = page.locator("dialog.prompt");
    await prompt.locator("input").fill("broken build");
    expect(await prompt.locator(".cli-text").textContent()).toBe(`gatehouse yank --source py-local --file ${wheel.filename} --reason "broken build"`);
    await prompt.locator("input").press("Enter");
    await prompt.waitFor({ state: "detached" });
    await detail.locator(`tr[data-filename="${wheel.filename}"] [data-action=unyank]`).waitFor();
    const files = api<{ files: { filename: string; yanked: boolean; yankedReason: string | null }[] }>("/__api__/sources/py-local/files?project=secret-sauce").body.files;
    expect(files.find((f) => f.filename === wheel.filename)).toEqual(expect.objectContaining({ yanked: true, yankedReason: "broken build" }));

    await detail.locator(`tr[data-filename="${oldWheel.filename}"] [data-action=remove-version]`).click();
    await confirm("gatehouse remove --source py-local --name secret-sauce --version 1.0");
    await detail.locator(`tr[data-filename="${oldWheel.filename}"]`).waitFor({ state: "detached" });
    expect(await detail.locator("table.package-files tbody tr").count()).toBe(1);
    expect(await detail.locator("summary").textContent()).toMatch(/1 version/);
  });

  it("writes the exact pip configuration on the Setup page and fills in a freshly minted repos:read token", async () => {
    await page.click("nav.subtabs >> text=Setup");
    await page.locator("main#view h1", { hasText: "Set up clients for pypi" }).waitFor();
    const pip = page.locator("section.setup-client[data-client=pip]");
    await pip.waitFor();
    expect(await pip.locator("pre").first().textContent()).toBe(`[global]\nindex-url = ${gh.url}/pypi/latest/simple/`);
    expect(await pip.locator("pre").nth(1).textContent()).toBe(`machine ${gh.host} login __token__ password <token>`);
    expect(await pip.locator(".cli-text").textContent()).toBe(`gatehouse client-config --url ${gh.url}/pypi/latest/simple/ --for pip`);
    expect(await page.textContent("section.setup-client[data-client=curl] pre")).toBe(`curl -u __token__:<token> ${gh.url}/pypi/latest/simple/`);

    await page.fill("form.setup-options input[name=snapshot]", "2025-01-31");
    expect(await pip.locator("pre").first().textContent()).toBe(`[global]\nindex-url = ${gh.url}/pypi/2025-01-31/simple/`);
    await page.fill("form.setup-options input[name=snapshot]", "");

    await page.click("[data-action=mint-token]");
    await confirm('gatehouse create token --scope repos:read --repos pypi --description "client setup for pypi" --user admin');
    await page.locator(".slot-token-note", { hasText: "created and filled in" }).waitFor();
    const netrc = (await pip.locator("pre").nth(1).textContent()) ?? "";
    const token = /password (gth-[A-Za-z0-9]{46})$/.exec(netrc)?.[1] ?? "";
    expect(token).not.toBe("");
    secrets.push(token);
    // The minted token reads this repo's index: the configuration works as written.
    expect(curlAs(token, `${gh.url}/pypi/latest/simple/`).status).toBe(200);
    await shoot("setup");
  });

  it("writes R's configuration for an R repo", async () => {
    await page.goto(`${gh.url}/__admin__/#/repos/cran/setup`);
    const r = page.locator("section.setup-client[data-client=r]");
    await r.waitFor();
    expect(await r.locator("pre").first().textContent()).toBe(`options(repos = c(cran = "${gh.url}/cran/latest"), download.file.method = "curl")`);
    expect(await r.locator("pre").nth(1).textContent()).toMatch(/^--netrc-file "\/home\/<you>\/\.netrc"$/);
    expect(await page.locator("section.setup-client[data-client=pip]").count()).toBe(0);
  });

  it("shows counts, recent uploads and recent authentication failures on the overview", async () => {
    expect(curlAs(`gth-${"A".repeat(46)}`, `${gh.url}/__api__/whoami`).status).toBe(401);
    await page.click("nav.tabs >> text=Overview");
    await page.locator(".counts .count").first().waitFor();
    const counts = await page.locator(".count").allTextContents();
    expect(counts.map((c) => c.replace(/\s+/g, " ").trim())).toEqual(expect.arrayContaining(["2 Repos", "1 Sources", "1 Organizations"]));
    await page.locator(".slot-uploads li", { hasText: wheel.filename }).waitFor();
    await page.locator(".slot-failures li", { hasText: "auth.failure" }).waitFor();
    await shoot("overview");
  });

  it("links each repo to its packages and setup pages, and keeps Revoke on screen at 1280 px", async () => {
    await page.click("nav.tabs >> text=Repos");
    const row = page.locator("table.repos tr[data-repo=pypi]");
    await row.waitFor();
    expect(await row.locator("a", { hasText: "Setup" }).getAttribute("href")).toBe("#/repos/pypi/setup");
    expect(await row.locator("td:first-child a").getAttribute("href")).toBe("#/repos/pypi");

    await page.click("nav.tabs >> text=Tokens");
    const revoke = page.locator("table.tokens [data-action=revoke]").first();
    await revoke.waitFor();
    const box = await revoke.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(WIDE.width);
    // The table fits its box: nothing scrolls sideways at 1280 px.
    expect(Number(await page.evaluate("(() => { const w = document.querySelector('.table-wrap'); return w ? w.scrollWidth - w.clientWidth : -1; })()"))).toBe(0);
    await page.screenshot({ path: "/tmp/gatehouse-console-tokens.png" });
  });

  it("filters the audit log by action prefix and target, and exports the rows shown as CSV and JSON", async () => {
    await page.click("nav.tabs >> text=Audit log");
    await page.locator("table.audit tbody tr").first().waitFor();
    await page.fill("#a-action", "org.");
    expect(await page.textContent("[data-cli=audit] .cli-text")).toBe("gatehouse audit --action org.");
    await page.press("#a-action", "Enter");
    await page.locator(".audit-count", { hasText: /^\d+ events?\.$/ }).waitFor();
    // The count line of the unfiltered list can still be showing: wait for the filtered rows themselves.
    await page.locator("table.audit tbody tr td:nth-child(3)", { hasText: /^org\./ }).first().waitFor();
    const actions = await page.locator("table.audit tbody tr td:nth-child(3)").allTextContents();
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) expect(action).toMatch(/^org\./);
    expect(actions).toContain("org.create");

    await page.fill("#a-action", "file.publish");
    await page.press("#a-action", "Enter");
    await page.locator("table.audit tbody tr td:nth-child(3)", { hasText: "file.publish" }).first().waitFor();
    await page.fill("#a-target", "secret_sauce-1.1");
    await page.locator(".audit-count", { hasText: /^1 of \d+ loaded events/ }).waitFor();
    expect(await page.locator("table.audit tbody tr").count()).toBe(1);

    const [csv] = await Promise.all([page.waitForEvent("download"), page.click("[data-action=export][data-format=csv]")]);
    expect(csv.suggestedFilename()).toMatch(/^gatehouse-audit-.*\.csv$/);
    const lines = readFileSync(await csv.path(), "utf8").trim().split("\r\n");
    expect(lines[0]).toBe("id,at,actor,action,target,outcome,address,detail");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(wheel.filename);
    const [json] = await Promise.all([page.waitForEvent("download"), page.click("[data-action=export][data-format=json]")]);
    const exported = JSON.parse(readFileSync(await json.path(), "utf8")) as { events: { action: string; target: string }[] };
    expect(exported.events).toEqual([expect.objectContaining({ action: "file.publish", target: `source:py-local/${wheel.filename}` })]);
    await shoot("audit");
  });

  it("raised no page error or CSP violation and kept tokens out of URLs", () => {
    for (const r of recorder.requests) for (const s of secrets) expect(r.url).not.toContain(s);
    expect(recorder.consoleMessages.filter((m) => m.startsWith("pageerror") || /Content Security Policy/i.test(m))).toEqual([]);
  });
});

import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchChromium, openRecordedPage, type PageRecorder } from "../support/browser.js";
import { curl, curlAs } from "../support/curl.js";
import { type RunningGatehouse, startGatehouse } from "../support/gatehouse.js";

const SCREENSHOT = "/tmp/gatehouse-console.png";

describe.skipIf(!hasChromium())("admin console in real Chromium against the real server", () => {
  let gh: RunningGatehouse;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let recorder: PageRecorder;
  /** Every plaintext token the test saw: none may appear in a URL or the browser console. */
  const secrets: string[] = [];
  let created = "";

  beforeAll(async () => {
    gh = await startGatehouse();
    secrets.push(gh.adminToken);
    browser = await launchChromium();
    ({ context, page, recorder } = await openRecordedPage(browser));
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await gh?.stop();
  });

  async function signIn(target: Page, token: string): Promise<void> {
    await target.goto(`${gh.url}/__admin__/`);
    await target.fill("#signin-token", token);
    await target.click("button[type=submit]");
  }

  async function openTab(label: string): Promise<void> {
    await page.click(`nav.tabs >> text=${label}`);
    await page.locator("main#view h1").waitFor();
  }

  it("serves index.html, hashed assets with long caching, and 404 for anything else", () => {
    for (const path of ["/__admin__", "/__admin__/"]) {
      const index = curl([], `${gh.url}${path}`);
      expect(index.status).toBe(200);
      expect(index.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(index.headers["cache-control"]).toBe("no-cache");
      expect(index.headers["content-security-policy"]).toContain("script-src 'self'");
    }
    const index = curl([], `${gh.url}/__admin__/`).body;
    const script = /src="(\/__admin__\/app-[A-Za-z0-9]+\.js)"/.exec(index)?.[1];
    const style = /href="(\/__admin__\/app-[A-Za-z0-9]+\.css)"/.exec(index)?.[1];
    const js = curl([], `${gh.url}${script}`);
    expect(js.status).toBe(200);
    expect(js.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(js.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    const css = curl([], `${gh.url}${style}`);
    expect(css.headers["content-type"]).toBe("text/css; charset=utf-8");
    expect(curl(["-H", `If-None-Match: ${js.headers.etag}`], `${gh.url}${script}`).status).toBe(304);
    expect(curl([], `${gh.url}/__admin__/missing.js`).status).toBe(404);
    expect(curl([], `${gh.url}/__admin__/..%2F..%2Fpackage.json`).status).toBe(404);
  });

  it("refuses a bad token at sign-in with a message, and keeps nothing", async () => {
    await signIn(page, `gth-${"A".repeat(46)}`);
    const error = page.locator(".signin .field-error");
    await error.waitFor({ state: "visible" });
    expect(await error.textContent()).toMatch(/not accepted/);
    await page.screenshot({ path: "/tmp/gatehouse-console-signin.png" });
    expect(await page.evaluate("sessionStorage.length")).toBe(0);
  });

  it("signs in with the admin token and shows who is signed in", async () => {
    await signIn(page, gh.adminToken);
    await page.locator(".whoami-user").waitFor();
    expect(await page.textContent(".whoami-user")).toBe("admin");
    expect(await page.textContent(".whoami-scopes")).toBe("global:admin");
    await page.locator("table.tokens").waitFor();
    expect(await page.locator("table.tokens tbody tr").count()).toBe(1);
  });

  it("creates a token through the form and shows it exactly once", async () => {
    await page.click("[data-action=show-create]");
    await page.check("input[name=scopes][value='repos:read']");
    await page.fill("#t-repos", "pypi");
    await page.fill("#t-user", "ci@example.com");
    await page.fill("#t-description", "CI installs <b>not bold</b>");
    await page.click("form.create-token button[type=submit]");
    const value = page.locator(".created-token .token-value");
    await value.waitFor();
    created = await value.inputValue();
    secrets.push(created);
    expect(created).toMatch(/^gth-[A-Za-z0-9]{46}$/);
    expect(curlAs(created, `${gh.url}/__api__/whoami`).status).toBe(200);

    const row = page.locator("table.tokens tbody tr", { hasText: "ci@example.com" });
    await row.waitFor();
    expect(await row.locator(".token-display").textContent()).toMatch(/^gth-\w{4}…\w{4}$/);
    expect(await row.locator("td.description").textContent()).toBe("CI installs <b>not bold</b>");
    expect(await page.locator("table.tokens").innerHTML()).not.toContain(created);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    await page.click("[data-action=dismiss-token]");
    await page.locator(".created-token").waitFor({ state: "detached" });
    expect(await page.content()).not.toContain(created);
  });

  it("shows the API's message next to the field it names (expiry 3x)", async () => {
    const api = curlAs(gh.adminToken, `${gh.url}/__api__/tokens`, ["-X", "POST", "-H", "content-type: application/json", "-d", JSON.stringify({ scopes: ["repos:read"], repos: "*", expires: "3x", description: "x", user: "u" })]);
    const message = (JSON.parse(api.body) as { error: { message: string; field: string } }).error;
    expect(message.field).toBe("expires");

    await page.click("[data-action=show-create]");
    await page.check("input[name=scopes][value='repos:read']");
    await page.fill("#t-repos", "*");
    await page.fill("#t-expires", "3x");
    await page.fill("#t-user", "u");
    await page.fill("#t-description", "x");
    await page.click("form.create-token button[type=submit]");
    const error = page.locator(".field[data-fields~=expires] .field-error");
    await error.waitFor({ state: "visible" });
    expect(await error.textContent()).toBe(message.message);
    expect(await page.locator(".field.invalid").count()).toBe(1);
    expect(await page.locator(".created-token").count()).toBe(0);
    await page.screenshot({ path: "/tmp/gatehouse-console-error.png", fullPage: true });
    await page.click("[data-action=cancel-create]");
  });

  it("revokes a token after confirmation; the token then gets 401", async () => {
    const row = page.locator("table.tokens tbody tr", { hasText: "ci@example.com" });
    await row.locator("[data-action=revoke]").click();
    const dialog = page.locator("dialog.confirm");
    await dialog.waitFor();
    await dialog.locator("button[value=confirm]").click();
    await row.waitFor({ state: "detached" });
    expect(curlAs(created, `${gh.url}/__api__/whoami`).status).toBe(401);

    await page.check("input[name=revoked]");
    const revoked = page.locator("table.tokens tbody tr", { hasText: "ci@example.com" });
    await revoked.waitFor();
    expect(await revoked.locator(".badge").textContent()).toBe("revoked");
    expect(await revoked.locator("[data-action=revoke]").count()).toBe(0);
  });

  it("creates a source and a repo, subscribes it, and toggles authentication", async () => {
    await openTab("Sources");
    await page.click("[data-action=show-create]");
    await page.fill("#s-name", "py-local");
    await page.selectOption("#s-kind", "python");
    await page.click("form.create-source button[type=submit]");
    await page.locator("table.sources tr[data-source='py-local']").waitFor();
    await page.screenshot({ path: "/tmp/gatehouse-console-sources.png" });

    await page.click("[data-action=show-create]");
    await page.fill("#s-name", "py-local");
    await page.click("form.create-source button[type=submit]");
    const dup = page.locator(".field[data-fields~=name] .field-error");
    await dup.waitFor({ state: "visible" });
    expect(await dup.textContent()).toMatch(/already exists/);
    await page.click("[data-action=cancel-create]");

    await page.click("table.sources tr[data-source='py-local'] a.btn");
    await page.locator(".breadcrumb").waitFor();
    await page.locator("main#view .empty").waitFor();
    expect(await page.textContent("main#view h1")).toBe("Files in py-local");

    await openTab("Repos");
    await page.click("[data-action=show-create]");
    await page.fill("#r-name", "pypi");
    await page.selectOption("#r-type", "python");
    await page.fill("#r-description", "Team Python");
    await page.selectOption("#r-auth", "false");
    await page.click("form.create-repo button[type=submit]");
    const row = page.locator("table.repos tr[data-repo='pypi']");
    await row.waitFor();
    expect(await row.locator(".switch-label").textContent()).toBe("Public");

    await row.locator("form.subscribe select").selectOption("py-local");
    await row.locator("form.subscribe button").click();
    await row.locator(".source-order li", { hasText: "py-local" }).waitFor();

    await row.locator("[data-action=toggle-auth]").click();
    await page.locator("table.repos tr[data-repo='pypi'] .switch[aria-checked=true]").waitFor();
    const repo = JSON.parse(curlAs(gh.adminToken, `${gh.url}/__api__/repos/pypi`).body) as { authenticated: boolean; sources: string[] };
    expect(repo).toMatchObject({ authenticated: true, sources: ["py-local"] });
    expect(curl([], `${gh.url}/pypi/simple/`).status).toBe(401);
    await page.screenshot({ path: "/tmp/gatehouse-console-repos.png", fullPage: true });
  });

  it("explains ALLOWED and DENIED for a token pasted in the form", async () => {
    const token = gh.cli(["create", "token", "--scope", "repos:read", "--repos", "pypi", "--description", "reader", "--user", "rita", "--quiet"]).stdout.trim();
    secrets.push(token);
    await openTab("Explain");
    await page.fill("#x-subject", token);
    await page.selectOption("#x-action", "repo:read");
    await page.fill("#x-resource", "repo:pypi");
    await page.click("form.explain button[type=submit]");
    await page.locator(".verdict-allowed").waitFor();
    expect(await page.textContent(".verdict-word")).toBe("ALLOWED");
    expect(await page.textContent(".verdict-explanation")).toMatch(/repos:read/);

    await page.fill("#x-resource", "repo:other");
    await page.click("form.explain button[type=submit]");
    await page.locator(".verdict-denied").waitFor();
    expect(await page.textContent(".verdict-word")).toBe("DENIED");
    await page.screenshot({ path: "/tmp/gatehouse-console-explain.png", fullPage: true });

    await page.fill("#x-resource", "nonsense:thing");
    await page.click("form.explain button[type=submit]");
    await page.locator(".field[data-fields~=resource] .field-error").waitFor({ state: "visible" });
  });

  it("shows the audit log newest first", async () => {
    await openTab("Audit log");
    await page.locator("table.audit").waitFor();
    const actions = await page.locator("table.audit tbody tr td:nth-child(3)").allTextContents();
    expect(actions.slice(0, 4)).toEqual(["token.create", "repo.edit", "repo.subscribe", "repo.create"]);
    expect(actions).toContain("token.revoke");
    await page.screenshot({ path: "/tmp/gatehouse-console-audit.png", fullPage: true });
  });

  it("returns to sign-in when the session's token is revoked, and signs out", async () => {
    const token = gh.cli(["create", "token", "--scope", "global:admin", "--description", "second admin", "--user", "admin2", "--quiet"]).stdout.trim();
    secrets.push(token);
    const other = await openRecordedPage(browser);
    try {
      await signIn(other.page, token);
      await other.page.locator(".whoami-user").waitFor();
      expect(gh.cli(["revoke", "token", "--token", token]).code).toBe(0);
      await other.page.click("nav.tabs >> text=Repos");
      const message = other.page.locator(".signin .form-error");
      await message.waitFor({ state: "visible" });
      expect(await message.textContent()).toMatch(/session ended/);
      expect(await other.page.evaluate("sessionStorage.length")).toBe(0);
      recorder.consoleMessages.push(...other.recorder.consoleMessages);
      recorder.requests.push(...other.recorder.requests);
    } finally {
      await other.context.close();
    }

    await page.click("[data-action=sign-out]");
    await page.locator(".signin").waitFor();
    expect(await page.evaluate("sessionStorage.length")).toBe(0);
  });

  it("never put a token in a URL or the browser console, and sent it only as a Bearer header", () => {
    expect(recorder.requests.length).toBeGreaterThan(10);
    for (const secret of secrets) {
      for (const r of recorder.requests) expect(r.url).not.toContain(secret);
      for (const m of recorder.consoleMessages) expect(m).not.toContain(secret);
    }
    const apiCalls = recorder.requests.filter((r) => r.url.includes("/__api__/"));
    expect(apiCalls.some((r) => r.headers.authorization === `Bearer ${gh.adminToken}`)).toBe(true);
    expect(recorder.consoleMessages.filter((m) => m.startsWith("pageerror") || /Content Security Policy/i.test(m))).toEqual([]);
  });
});

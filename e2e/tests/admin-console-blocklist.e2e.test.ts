import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchChromium, openRecordedPage, type PageRecorder } from "../support/browser.js";
import { curlAs } from "../support/curl.js";
import { type RunningGatehouse, startGatehouse } from "../support/gatehouse.js";

const WIDE = { width: 1280, height: 800 };
// A phone-sized viewport: the screens must not scroll sideways (only a wide table may, inside its own box).
const NARROW = { width: 390, height: 844 };

interface ApiRule {
  id: string;
  name: string;
  versions: string | null;
  repo: string | null;
  reason: string;
}

describe.skipIf(!hasChromium())("admin console: blocklist and metadata screens in real Chromium", () => {
  let gh: RunningGatehouse;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let recorder: PageRecorder;

  beforeAll(async () => {
    gh = await startGatehouse();
    expect(gh.cli(["create", "repo", "--name", "pypi", "--type", "python"]).code).toBe(0);
    expect(gh.cli(["create", "repo", "--name", "cran", "--type", "r"]).code).toBe(0);
    browser = await launchChromium();
    ({ context, page, recorder } = await openRecordedPage(browser));
    await page.setViewportSize(WIDE);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await gh?.stop();
  });

  function api<T>(path: string, args: readonly string[] = []): { status: number; body: T } {
    const r = curlAs(gh.adminToken, `${gh.url}${path}`, args);
    return { status: r.status, body: JSON.parse(r.body) as T };
  }

  async function openTab(label: string): Promise<void> {
    await page.click(`nav.tabs >> text=${label}`);
    await page.locator("main#view h1", { hasText: label === "Metadata" ? "Package metadata" : label }).waitFor();
  }

  /** How far the page scrolls sideways (0 = it fits); tabs and wide tables may scroll only inside their own boxes. */
  async function sidewaysScroll(target: Page): Promise<number> {
    // A string, as in admin-console.e2e.test.ts: the e2e project is compiled without DOM types.
    return Number(await target.evaluate("document.documentElement.scrollWidth - window.innerWidth"));
  }

  it("signs in with the admin token and opens an empty blocklist", async () => {
    await page.goto(`${gh.url}/__admin__/`);
    await page.fill("#signin-token", gh.adminToken);
    await page.click("button[type=submit]");
    await page.locator(".whoami-user").waitFor();
    await openTab("Blocklist");
    expect(await page.title()).toBe("Blocklist · Gatehouse");
    await page.locator("main#view .empty", { hasText: "No blocklist rules" }).waitFor();
    expect(await page.textContent("[data-cli=list] .cli-text")).toBe("gatehouse list blocklist-rules");
  });

  it("creates a rule, shows its CLI equivalent while typing, and lists it", async () => {
    await page.click("[data-action=show-create]");
    // The repo picker is filled from GET /__api__/repos.
    await page.locator("#b-repo option[value=pypi]").waitFor({ state: "attached" });
    await page.fill("#b-name", "requests");
    await page.selectOption("#b-repo", "pypi");
    expect(await page.textContent(".range-hint")).toMatch(/PEP 440/);
    await page.fill("#b-versions", "<2.32");
    await page.fill("#b-reason", "CVE-2024-35195");
    expect(await page.textContent("[data-cli=create] .cli-text")).toBe('gatehouse create blocklist-rule --name requests --versions "<2.32" --repo pypi --reason CVE-2024-35195');
    // Keyboard: Enter in a field submits the form.
    await page.press("#b-reason", "Enter");

    const row = page.locator("table.blocklist tbody tr", { hasText: "requests" });
    await row.waitFor();
    expect(await row.locator("td:nth-child(2)").textContent()).toBe("<2.32");
    expect(await row.locator("td:nth-child(3)").textContent()).toBe("pypi");
    expect(await row.locator("td:nth-child(4)").textContent()).toBe("CVE-2024-35195");
    expect(await row.locator("td:nth-child(5)").textContent()).toMatch(/^admin \(gth-\w{4}…\w{4}\)$/);
    expect(await page.locator(".slot-form").isHidden()).toBe(true);

    const { body } = api<{ rules: ApiRule[] }>("/__api__/blocklist-rules");
    expect(body.rules).toEqual([expect.objectContaining({ name: "requests", versions: "<2.32", repo: "pypi", reason: "CVE-2024-35195" })]);
  });

  it("shows the API's refusal of a bad range next to the versions field", async () => {
    const refused = api<{ error: { message: string; field: string } }>("/__api__/blocklist-rules", [
      "-X", "POST", "-H", "content-type: application/json", "-d", JSON.stringify({ name: "numpy", versions: ">>>", repo: "pypi", reason: "test" }),
    ]);
    expect(refused.status).toBe(400);
    expect(refused.body.error.field).toBe("versions");

    await page.click("[data-action=show-create]");
    await page.fill("#b-name", "numpy");
    await page.selectOption("#b-repo", "pypi");
    await page.fill("#b-versions", ">>>");
    await page.fill("#b-reason", "test");
    await page.click("form.create-rule button[type=submit]");
    const error = page.locator(".field[data-fields~=versions] .field-error");
    await error.waitFor({ state: "visible" });
    expect(await error.textContent()).toBe(refused.body.error.message);
    expect(await page.locator(".field.invalid").count()).toBe(1);
    expect(await page.evaluate("document.activeElement?.id")).toBe("b-versions");
    await page.screenshot({ path: "/tmp/gatehouse-console-blocklist.png" });
    await page.setViewportSize(NARROW);
    await page.screenshot({ path: "/tmp/gatehouse-console-blocklist-narrow.png", fullPage: true });
    expect(await sidewaysScroll(page)).toBe(0);
    await page.setViewportSize(WIDE);
    await page.click("[data-action=cancel-create]");
    expect(api<{ rules: ApiRule[] }>("/__api__/blocklist-rules").body.rules).toHaveLength(1);
  });

  it("deletes a rule only after confirmation, showing the CLI command in the dialog", async () => {
    const [rule] = api<{ rules: ApiRule[] }>("/__api__/blocklist-rules").body.rules;
    const row = page.locator("table.blocklist tbody tr", { hasText: "requests" });
    const dialog = page.locator("dialog.confirm");

    await row.locator("button[data-action=delete-rule]").click();
    await dialog.waitFor();
    expect(await dialog.locator(".cli-text").textContent()).toBe(`gatehouse delete blocklist-rule --id ${rule?.id}`);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(api<{ rules: ApiRule[] }>("/__api__/blocklist-rules").body.rules).toHaveLength(1);

    await row.locator("button[data-action=delete-rule]").click();
    await page.screenshot({ path: "/tmp/gatehouse-console-blocklist-confirm.png" });
    await dialog.locator("button[value=confirm]").click();
    await page.locator("main#view .empty", { hasText: "No blocklist rules" }).waitFor();
    expect(api<{ rules: ApiRule[] }>("/__api__/blocklist-rules").body.rules).toEqual([]);
  });

  it("sets a metadata note, lists it under the folded name, and filters by package", async () => {
    await openTab("Metadata");
    await page.locator("main#view .empty", { hasText: "No package notes yet." }).waitFor();
    await page.click("[data-action=show-set]");
    await page.fill("#m-name", "Requests");
    await page.fill("#m-key", "owner");
    await page.fill("#m-value", "platform team <ops@example.com>");
    expect(await page.textContent("[data-cli=set] .cli-text")).toBe('gatehouse set metadata --name Requests --key owner --value "platform team <ops@example.com>"');
    await page.click("form.set-metadata button[type=submit]");

    const row = page.locator("table.metadata tbody tr", { hasText: "owner" });
    await row.waitFor();
    expect(await row.locator("td:nth-child(1)").textContent()).toBe("requests");
    expect(await row.locator("td.note-value").textContent()).toBe("platform team <ops@example.com>");
    expect(await row.locator("td:nth-child(4)").textContent()).toMatch(/^admin \(gth-\w{4}…\w{4}\)$/);
    expect(api<{ metadata: { value: string }[] }>("/__api__/metadata?name=requests").body.metadata).toEqual([expect.objectContaining({ key: "owner", value: "platform team <ops@example.com>" })]);

    const put = curlAs(gh.adminToken, `${gh.url}/__api__/metadata/numpy/advisory`, ["-X", "PUT", "-H", "content-type: application/json", "-d", '{"value":"pin below 2"}']);
    expect(put.status).toBe(200);
    await page.press("#m-filter", "Enter");
    await page.locator("table.metadata tbody tr", { hasText: "numpy" }).waitFor();

    await page.fill("#m-filter", "requests");
    await page.press("#m-filter", "Enter");
    await page.locator("table.metadata tbody tr", { hasText: "numpy" }).waitFor({ state: "detached" });
    await page.locator("table.metadata tbody tr", { hasText: "owner" }).waitFor();
    expect(await page.textContent("[data-cli=list] .cli-text")).toBe("gatehouse list metadata --name requests");
    expect(await page.locator("table.metadata tbody tr").count()).toBe(1);

    await page.fill("#m-filter", "");
    await page.press("#m-filter", "Enter");
    await page.locator("table.metadata tbody tr", { hasText: "numpy" }).waitFor();
    expect(await page.textContent("[data-cli=list] .cli-text")).toBe("gatehouse list metadata");
  });

  it("refuses a bad key with the API's message, and edits a note in place", async () => {
    await page.click("[data-action=show-set]");
    await page.fill("#m-name", "requests");
    await page.fill("#m-key", "Bad Key");
    await page.fill("#m-value", "x");
    await page.click("form.set-metadata button[type=submit]");
    const error = page.locator(".field[data-fields~=key] .field-error");
    await error.waitFor({ state: "visible" });
    expect(await error.textContent()).toMatch(/invalid metadata key/);
    await page.click("[data-action=cancel-set]");

    const row = page.locator("table.metadata tbody tr", { hasText: "owner" });
    await row.locator("[data-action=edit-note]").click();
    expect(await page.inputValue("#m-value")).toBe("platform team <ops@example.com>");
    expect(await page.evaluate("document.activeElement?.id")).toBe("m-value");
    await page.fill("#m-value", "platform team");
    await page.click("form.set-metadata button[type=submit]");
    await page.locator("table.metadata td.note-value", { hasText: /^platform team$/ }).waitFor();
    // The screenshot shows the form too, to check its layout beside the filter and the table.
    await page.click("[data-action=show-set]");
    await page.screenshot({ path: "/tmp/gatehouse-console-metadata.png" });
    await page.setViewportSize(NARROW);
    await page.screenshot({ path: "/tmp/gatehouse-console-metadata-narrow.png", fullPage: true });
    expect(await sidewaysScroll(page)).toBe(0);
    await page.setViewportSize(WIDE);
    await page.click("[data-action=cancel-set]");
  });

  it("deletes a note after confirmation", async () => {
    const row = page.locator("table.metadata tbody tr", { hasText: "advisory" });
    await row.locator("[data-action=delete-note]").click();
    const dialog = page.locator("dialog.confirm");
    expect(await dialog.locator(".cli-text").textContent()).toBe('gatehouse set metadata --name numpy --key advisory --value ""');
    await dialog.locator("button[value=confirm]").click();
    await row.waitFor({ state: "detached" });
    expect(api<{ metadata: unknown[] }>("/__api__/metadata?name=numpy").body.metadata).toEqual([]);
  });

  it("raised no page error or CSP violation and kept the token out of URLs", () => {
    for (const r of recorder.requests) expect(r.url).not.toContain(gh.adminToken);
    expect(recorder.consoleMessages.filter((m) => m.startsWith("pageerror") || /Content Security Policy/i.test(m))).toEqual([]);
  });
});

import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchChromium, openRecordedPage, type PageRecorder } from "../support/browser.js";
import { type RunningGatehouse, startGatehouse } from "../support/gatehouse.js";

describe.skipIf(!hasChromium())("API docs page in real Chromium against the real server", () => {
  let gh: RunningGatehouse;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let recorder: PageRecorder;

  beforeAll(async () => {
    gh = await startGatehouse();
    browser = await launchChromium();
    ({ context, page, recorder } = await openRecordedPage(browser));
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await gh?.stop();
  });

  async function tryIt(operationId: string, fields: Record<string, string>): Promise<string> {
    const op = page.locator(`[id="op-${operationId}"]`);
    await op.locator("details.try summary").click();
    for (const [name, value] of Object.entries(fields)) await op.locator(`[name="${name}"]`).fill(value);
    await op.locator("button[type=submit]").click();
    const output = op.locator("output");
    await expect.poll(async () => (await output.textContent()) ?? "", { timeout: 10_000 }).toMatch(/^HTTP \d{3}/);
    return (await output.textContent()) ?? "";
  }

  it("runs its script under its own CSP and sends the typed token only in the Authorization header", async () => {
    const response = await page.goto(`${gh.url}/__api__/docs`);
    expect(response?.headers()["content-security-policy"]).toContain("script-src 'sha256-");
    await page.fill("#gh-token", gh.adminToken);
    const whoami = await tryIt("account.whoami", {});
    expect(whoami).toContain("HTTP 200");
    expect(whoami).toContain('"kind"');
    const list = await tryIt("protocols.python.simpleIndex", { "path.repo": "no-such-repo" });
    expect(list).toMatch(/HTTP (401|404)/);
    const sent = recorder.requests.filter((r) => !r.url.endsWith("/__api__/docs"));
    expect(sent.length).toBeGreaterThanOrEqual(2);
    for (const r of recorder.requests) expect(r.url).not.toContain(gh.adminToken);
    expect(sent.every((r) => r.headers.authorization === `Bearer ${gh.adminToken}`)).toBe(true);
    // Nothing refused by the CSP, no script error, and the token in no message (a 404 is logged as a failed load: that is the try-it answer).
    expect(recorder.consoleMessages.filter((m) => /Content Security Policy|^pageerror/.test(m))).toEqual([]);
    expect(recorder.consoleMessages.filter((m) => m.includes(gh.adminToken))).toEqual([]);
  });
});

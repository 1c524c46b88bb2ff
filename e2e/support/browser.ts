import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { hasClient } from "./clients.js";

/** Where the Debian `chromium` package installs the browser. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

// Headless, sandbox-free (containers), and quiet: no update checks, sync or QUIC probes leave the machine.
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];

/** Whether real Chromium is installed (an error instead of false when GATEHOUSE_REQUIRE_CLIENTS=1). */
export function hasChromium(): boolean {
  return hasClient(CHROMIUM_PATH);
}

/** Launches the system Chromium headless through playwright-core. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** What a page did that tests check for leaks: console messages and every request URL and header set. */
export interface PageRecorder {
  consoleMessages: string[];
  requests: { url: string; headers: Record<string, string> }[];
}

/** Opens a page in a fresh context (own sessionStorage) and records its console output and requests. */
export async function openRecordedPage(browser: Browser): Promise<{ context: BrowserContext; page: Page; recorder: PageRecorder }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const recorder: PageRecorder = { consoleMessages: [], requests: [] };
  page.on("console", (message) => recorder.consoleMessages.push(message.text()));
  page.on("pageerror", (error) => recorder.consoleMessages.push(`pageerror: ${error.message}`));
  page.on("request", (request) => recorder.requests.push({ url: request.url(), headers: request.headers() }));
  return { context, page, recorder };
}

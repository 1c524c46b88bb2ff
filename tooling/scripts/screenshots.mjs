// `pnpm screenshots`: regenerate the console screenshots in docs/screenshots/ (shown in the README).
// Starts the real server on a free loopback port with a throwaway data folder, fills it with demo
// data through the JSON API, and photographs the main pages in the system Chromium (Debian's
// `chromium` package). Never run by the test suite: the pictures change whenever the UI does, and
// a person should look at them before they are committed.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prepareWorkspace, root } from "./workspace.mjs";

const CHROMIUM_PATH = "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"];
const VIEWPORT = { width: 1280, height: 800 };
const OUT_DIR = join(root, "docs", "screenshots");
const START_TIMEOUT_MS = 60_000;

/** Stops with a message and no stack: these are expected problems of the machine, not bugs. */
function fail(message) {
  console.error(`screenshots: ${message}`);
  process.exit(1);
}

/** playwright-core is a dependency of the e2e package (the root has none): resolve it from there. */
function loadChromium() {
  try {
    return createRequire(join(root, "e2e", "package.json"))("playwright-core").chromium;
  } catch {
    return fail("playwright-core is not installed (it comes with the e2e package): run `pnpm install`.");
  }
}

/** Starts `gatehouse serve` on port 0 and reads its URL and first admin token from the banner. */
async function startServer(dataDir) {
  const child = spawn(process.execPath, [join(root, "apps/cli/bin/run.js"), "serve", "--host", "127.0.0.1", "--port", "0", "--data", dataDir], {
    cwd: root,
    env: { ...process.env, GATEHOUSE_LOG_LEVEL: "warn", GATEHOUSE_ADDRESS: undefined, GATEHOUSE_TOKEN: undefined, DATABASE_URL: undefined },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  };
  try {
    const banner = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start in time:\n${output}`)), START_TIMEOUT_MS);
      const onData = (chunk) => {
        output += chunk.toString();
        const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
        const token = /^\s+(gth-[A-Za-z0-9]{46})\s*$/m.exec(output)?.[1];
        if (url && token && output.includes("API docs:")) {
          clearTimeout(timer);
          resolve({ url, token });
        }
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", onData);
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`the server exited with ${code}:\n${output}`));
      });
    });
    return { ...banner, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A JSON API caller with the admin token; throws with the server's message on any non-2xx. */
function apiClient(url, token) {
  return async (method, path, body, contentType = "application/json") => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": contentType }) },
      body: body === undefined ? undefined : contentType === "application/json" ? JSON.stringify(body) : body,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
    return text === "" ? null : JSON.parse(text);
  };
}

const WHEELS = [
  { name: "acme-utils", version: "1.0", summary: "Small helpers shared by the ACME services" },
  { name: "acme-utils", version: "1.1", summary: "Small helpers shared by the ACME services" },
  { name: "acme-utils", version: "2.0", summary: "Small helpers shared by the ACME services", requires: ["requests>=2.32"] },
  { name: "data-pipeline", version: "0.3.0", summary: "Nightly ETL jobs", requires: ["acme-utils>=2"] },
  { name: "secret-sauce", version: "1.0", summary: "The model nobody outside data science may install" },
];

// Real wheels from python3's zipfile (the server opens them and reads METADATA), all in one run.
const WHEEL_WRITER = `
import json, sys, zipfile
for spec in json.loads(sys.stdin.read()):
    dist, ver = spec["name"].replace("-", "_"), spec["version"]
    info = "%s-%s.dist-info" % (dist, ver)
    meta = ["Metadata-Version: 2.1", "Name: " + spec["name"], "Version: " + ver, "Summary: " + spec["summary"], "Requires-Python: >=3.9"]
    meta += ["Requires-Dist: " + r for r in spec.get("requires", [])]
    with zipfile.ZipFile(spec["out"], "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(dist + "/__init__.py", "VERSION = %r\\n" % ver)
        z.writestr(info + "/METADATA", "\\n".join(meta) + "\\n")
        z.writestr(info + "/WHEEL", "Wheel-Version: 1.0\\nGenerator: gatehouse-screenshots\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n")
        z.writestr(info + "/RECORD", "")
`;

/** Writes the demo wheels into dir; returns their filenames and paths. */
function buildWheels(dir) {
  const specs = WHEELS.map((w) => {
    const filename = `${w.name.replace(/-/g, "_")}-${w.version}-py3-none-any.whl`;
    return { ...w, filename, out: join(dir, filename) };
  });
  const r = spawnSync("python3", ["-c", WHEEL_WRITER], { input: JSON.stringify(specs), encoding: "utf8" });
  if (r.error || r.status !== 0) throw new Error(`python3 could not write the demo wheels: ${r.error?.message ?? r.stderr}`);
  return specs;
}

/** Sources, repos, packages, an organization, policy and tokens: enough for every page to have rows. */
async function seedDemoData(api, url, wheelDir) {
  await api("POST", "/__api__/sources", { name: "py-internal", kind: "python" });
  await api("POST", "/__api__/sources", { name: "r-internal", kind: "r" });
  await api("POST", "/__api__/repos", { name: "pypi", type: "python", description: "Team Python packages", authenticated: true });
  await api("POST", "/__api__/repos", { name: "cran", type: "r", description: "Internal R packages", authenticated: false });
  await api("POST", "/__api__/repos/pypi/subscriptions", { source: "py-internal" });
  await api("POST", "/__api__/repos/cran/subscriptions", { source: "r-internal" });
  for (const wheel of buildWheels(wheelDir)) {
    await api("PUT", `/__api__/sources/py-internal/files/${wheel.filename}`, readFileSync(wheel.out), "application/octet-stream");
  }

  await api("POST", "/__api__/orgs", { name: "data-science", owner: "alice@example.com" });
  await api("POST", "/__api__/orgs/data-science/members", { user: "bob@example.com", role: "member" });
  await api("POST", "/__api__/orgs/data-science/groups", { name: "analysts" });
  await api("POST", "/__api__/orgs/data-science/groups/analysts/members", { user: "bob@example.com" });
  await api("POST", "/__api__/orgs/data-science/groups/analysts/members", { user: "carol@example.com" });
  await api("POST", "/__api__/orgs/data-science/groups/analysts/grants", { repo: "pypi", package: "secret-sauce", permission: "read" });
  await api("POST", "/__api__/orgs/data-science/groups", { name: "maintainers" });
  await api("POST", "/__api__/orgs/data-science/groups/maintainers/members", { user: "alice@example.com" });
  await api("POST", "/__api__/orgs/data-science/groups/maintainers/grants", { repo: "pypi", permission: "write" });
  await api("PUT", "/__api__/sources/py-internal/packages/secret-sauce/access", { private: true, owner: "alice@example.com" });

  await api("POST", "/__api__/blocklist-rules", { name: "requests", versions: "<2.32", repo: "pypi", reason: "CVE-2024-35195" });
  await api("POST", "/__api__/blocklist-rules", { name: "acme-utils", versions: "==1.0", reason: "broken build: imports a module it does not ship" });
  await api("PUT", "/__api__/metadata/acme-utils/owner", { value: "platform team <platform@example.com>" });
  await api("PUT", "/__api__/metadata/data-pipeline/runbook", { value: "https://wiki.example.com/etl" });

  await api("POST", "/__api__/tokens", { scopes: ["repos:read"], repos: ["pypi"], expires: "90d", description: "CI installs from pypi", user: "ci@example.com" });
  await api("POST", "/__api__/tokens", { scopes: ["repos:read"], repos: ["pypi", "cran"], expires: "30d", description: "laptop", user: "ada@example.com" });
  await api("POST", "/__api__/tokens", { scopes: ["sources:write"], sources: ["py-internal"], expires: "never", description: "release pipeline uploads", user: "release-bot" });

  // One refused sign-in, so the overview's "Recent authentication failures" has a row.
  await fetch(`${url}/__api__/whoami`, { headers: { authorization: `Bearer gth-${"A".repeat(46)}` } });
}

/**
 * Opens a console route, waits for what shows it is loaded, and saves a screenshot: of the
 * viewport, or of the whole page for the few whose point is below the fold (`fullPage`).
 */
async function shoot(page, name, target, { ready, prepare, fullPage = false }) {
  await page.goto(target);
  for (const selector of ready) await page.locator(selector).first().waitFor();
  if (prepare) await prepare(page);
  const path = join(OUT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage, animations: "disabled" });
  console.log(`  ${join("docs", "screenshots", `${name}.png`)}`);
}

/** Signs in as the admin and photographs the main pages. */
async function photographConsole(browser, url, token) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const admin = `${url}/__admin__/`;
  await page.goto(admin);
  await page.fill("#signin-token", token);
  await page.click("button[type=submit]");
  await page.locator(".whoami-user").waitFor();

  await shoot(page, "overview", `${admin}#/overview`, { ready: [".counts .count", ".slot-uploads li", ".slot-failures li"] });
  // The whole page: the filled-in create form above the token list it adds to.
  await shoot(page, "tokens", `${admin}#/tokens`, {
    ready: ["table.tokens tbody tr"],
    fullPage: true,
    prepare: async (p) => {
      await p.click("[data-action=show-create]");
      await p.check("input[name=scopes][value='repos:read']");
      await p.fill("#t-repos", "pypi");
      await p.fill("#t-expires", "90d");
      await p.fill("#t-user", "grace@example.com");
      await p.fill("#t-description", "notebook server");
    },
  });
  await shoot(page, "repos", `${admin}#/repos`, { ready: ["table.repos tr[data-repo=pypi] .source-order li"] });
  await shoot(page, "packages", `${admin}#/repos/pypi`, {
    ready: ["details.package[data-project=acme-utils]"],
    prepare: async (p) => {
      await p.click("details.package[data-project=acme-utils] summary");
      await p.locator("details.package[data-project=acme-utils] table.package-files tbody tr").first().waitFor();
    },
  });
  // The whole page: the groups and their grants come after the members.
  await shoot(page, "organization", `${admin}#/orgs/data-science`, {
    ready: ["table.members tbody tr", "section.group[data-group=maintainers] table.grants tbody tr"],
    fullPage: true,
  });
  await shoot(page, "setup", `${admin}#/repos/pypi/setup`, { ready: ["section.setup-client[data-client=pip] pre"] });
  await shoot(page, "audit", `${admin}#/audit`, { ready: ["table.audit tbody tr"] });
  await shoot(page, "blocklist", `${admin}#/blocklist`, { ready: ["table.blocklist tbody tr"] });
  await shoot(page, "api-docs", `${url}/__api__/docs`, { ready: ["#gh-token"] });
  await context.close();
}

async function main() {
  if (!existsSync(CHROMIUM_PATH)) fail(`Chromium is missing at ${CHROMIUM_PATH}: install Debian's package (apt-get install chromium).`);
  const chromium = loadChromium();
  prepareWorkspace({ quiet: true });
  mkdirSync(OUT_DIR, { recursive: true });

  const work = mkdtempSync(join(tmpdir(), "gh-screenshots-"));
  const dataDir = join(work, "data");
  const wheelDir = join(work, "wheels");
  mkdirSync(wheelDir);
  let server;
  let browser;
  const cleanUp = async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  };
  // Ctrl-C still stops the server and removes the data folder.
  process.once("SIGINT", () => cleanUp().finally(() => process.exit(130)));
  try {
    server = await startServer(dataDir);
    console.log(`Gatehouse started at ${server.url}; adding demo data`);
    await seedDemoData(apiClient(server.url, server.token), server.url, wheelDir);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
    console.log("Saving screenshots:");
    await photographConsole(browser, server.url, server.token);
  } finally {
    await cleanUp();
  }
}

main().catch((error) => {
  console.error(`screenshots: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

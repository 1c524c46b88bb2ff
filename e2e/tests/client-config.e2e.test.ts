import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasClient } from "../support/clients.js";
import { type RunningGatehouse, startGatehouse } from "../support/gatehouse.js";
import { adminApi, createPythonRepo, makeHome } from "../support/python-clients.js";
import { buildPythonPackage, resolvePython } from "../support/python-packages.js";

// `gatehouse client-config` is the one command a data scientist runs: after it,
// the real pip and curl install from an authenticated repo with nothing else set up.

const EXISTING_NETRC = "# my hosts\nmachine example.com\n  login me\n  password s3cret\n# work\nmachine git.example.org login bot password abc\n\n";
// Python 3.11's netrc module (which pip uses) rejects a comment right after a blank line.
const NETRC_PYTHON_REJECTS = "machine example.com login me password s3cret\n\n# work\nmachine git.example.org login bot password abc\n";

describe.runIf(hasClient("curl"))("client-config for pip and curl (real pip, real curl)", () => {
  let gh: RunningGatehouse;
  let python: string;
  let indexUrl: string;
  beforeAll(async () => {
    python = resolvePython();
    gh = await startGatehouse();
    await createPythonRepo(gh, "pypi", "internal", true);
    const dist = mkdtempSync(join(tmpdir(), "gh-cc-dist-"));
    const built = buildPythonPackage(python, dist, { name: "cc-demo", version: "1.2.0" });
    const added = gh.cli(["add", "--source", "internal", "--path", built.wheel.path]);
    expect(added.code, added.stderr).toBe(0);
    indexUrl = `${gh.url}/pypi/latest/simple/`;
  });
  afterAll(async () => {
    await gh?.stop();
  });

  // Tokens come from the API (one request) rather than a CLI process each: this file's time is CI time.
  async function readToken(repos: string): Promise<string> {
    const created = (await adminApi(gh, "POST", "/__api__/tokens", { scopes: "repos:read", repos, description: "client-config e2e", user: "cc@example.com" })) as { token: string };
    return created.token;
  }

  function clientEnv(home: string): Record<string, string> {
    // Only HOME points at the written files: no PIP_CONFIG_FILE, no NETRC, no index flags.
    return { PATH: "/usr/bin:/bin", HOME: home, PIP_DISABLE_PIP_VERSION_CHECK: "1" };
  }

  it("writes netrc (0600, other entries kept byte for byte), pip.conf and .curlrc; pip and curl then work", async () => {
    const home = makeHome("gh-cc-home-");
    writeFileSync(join(home, ".netrc"), EXISTING_NETRC, { mode: 0o600 });
    const token = await readToken("pypi");
    const r = gh.cli(["client-config", "--url", indexUrl, "--token", token, "--for", "pip,curl", "--home", home]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`wrote ${join(home, ".netrc")}`);
    expect(r.stdout).not.toContain(token);
    expect(r.stderr).not.toContain(token);

    const netrc = readFileSync(join(home, ".netrc"), "utf8");
    expect(netrc.startsWith(EXISTING_NETRC)).toBe(true);
    expect(netrc).toContain(`machine 127.0.0.1 login __token__ password ${token}`);
    expect(statSync(join(home, ".netrc")).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(home, ".config/pip/pip.conf"), "utf8")).not.toContain(token);

    const target = mkdtempSync(join(tmpdir(), "gh-cc-target-"));
    const pip = spawnSync(python, ["-m", "pip", "install", "--no-input", "--no-cache-dir", "--target", target, "cc-demo"], { env: clientEnv(home), encoding: "utf8" });
    expect(`${pip.stdout}${pip.stderr}`).toMatch(/Successfully installed cc-demo-1\.2\.0/);
    const curl = spawnSync("curl", ["-sS", "--fail", indexUrl], { env: clientEnv(home), encoding: "utf8" });
    expect(curl.status, curl.stderr).toBe(0);
    expect(curl.stdout).toContain("cc-demo");

    const again = gh.cli(["client-config", "--url", indexUrl, "--token", token, "--for", "pip,curl", "--home", home]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain("nothing to change");
    expect(readFileSync(join(home, ".netrc"), "utf8")).toBe(netrc);
  });

  it("keeps an existing netrc that Python cannot read, and says pip will ignore it", async () => {
    const home = makeHome("gh-cc-pyrejects-");
    writeFileSync(join(home, ".netrc"), NETRC_PYTHON_REJECTS, { mode: 0o600 });
    const token = await readToken("pypi");
    const r = gh.cli(["client-config", "--url", indexUrl, "--token", token, "--for", "pip", "--home", home]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/note: Python's netrc module cannot read .* so pip ignores the whole file/);
    expect(readFileSync(join(home, ".netrc"), "utf8").startsWith(NETRC_PYTHON_REJECTS.trimEnd())).toBe(true);
  });

  it("--dry-run shows a diff with the token masked and writes nothing", async () => {
    const home = makeHome("gh-cc-dry-");
    const token = await readToken("pypi");
    const r = gh.cli(["client-config", "--url", indexUrl, "--token", token, "--for", "pip,curl", "--home", home, "--dry-run"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("+++ ");
    expect(r.stdout).not.toContain(token);
    expect(() => statSync(join(home, ".netrc"))).toThrow();
  });

  it("--repo: refuses an unknown repo with did-you-mean and a token that cannot read a repo, naming it; nothing is written", async () => {
    const home = makeHome("gh-cc-refuse-");
    const typo = gh.cli(["client-config", "--repo", "pypy", "--for", "pip", "--home", home]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/no repo named 'pypy' \(did you mean 'pypi'\?\)/);
    await createPythonRepo(gh, "team", "teamsrc", true);
    const token = await readToken("pypi");
    const denied = gh.cli(["client-config", "--repo", "pypi,team", "--token", token, "--for", "pip", "--home", home]);
    expect(denied.code).toBe(2);
    expect(denied.stderr).toMatch(/cannot read repo 'team' with this token; nothing was written/);
    expect(() => statSync(join(home, ".netrc"))).toThrow();
  });

  it("never replaces another token in netrc silently: refuses, naming what would be cut off, and --mint-token covers both", async () => {
    const home = makeHome("gh-cc-conflict-");
    const first = await readToken("pypi");
    expect(gh.cli(["client-config", "--repo", "pypi", "--token", first, "--for", "pip", "--home", home]).code).toBe(0);
    const netrc = readFileSync(join(home, ".netrc"), "utf8");
    const second = await readToken("team");
    const refused = gh.cli(["client-config", "--repo", "team", "--token", second, "--for", "curl", "--home", home]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/already holds another token for 127\.0\.0\.1 \(gth-.{4}….{4}\), which reads pypi/);
    expect(refused.stderr).toMatch(/--mint-token/);
    expect(readFileSync(join(home, ".netrc"), "utf8")).toBe(netrc);
    const minted = gh.cli(["client-config", "--repo", "team", "--token", second, "--for", "curl", "--home", home, "--mint-token"]);
    expect(minted.code, minted.stderr).toBe(0);
    expect(minted.stderr).toMatch(/minted a repos:read token for repos 'team', 'pypi'/);
    const pip = spawnSync(python, ["-m", "pip", "download", "--no-deps", "--no-cache-dir", "-d", mkdtempSync(join(tmpdir(), "gh-cc-dl-")), "cc-demo"], { env: clientEnv(home), encoding: "utf8" });
    expect(`${pip.stdout}${pip.stderr}`).toMatch(/Saved .*cc_demo-1\.2\.0/);
  });

  it("--token-env for connect under --root says exactly which clients cannot reference the variable", async () => {
    const root = makeHome("gh-cc-connect-");
    const envToken = await readToken("pypi");
    const r = gh.cli(["client-config", "--repo", "pypi", "--token-env", "GH_TOKEN", "--for", "connect,conda", "--root", root], { GH_TOKEN: envToken });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/--for conda needs a repo of type conda/);
    const ok = gh.cli(["client-config", "--repo", "pypi", "--token-env", "GH_TOKEN", "--for", "connect", "--root", root], { GH_TOKEN: envToken });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/connect cannot read it from their files/);
    expect(readFileSync(join(root, "etc/pip.conf"), "utf8")).toMatch(/^index-url = .*\/pypi\/latest\/simple\/$/m);
    expect(readFileSync(join(root, "etc/default/rstudio-connect"), "utf8")).toBe(`NETRC=${join(root, "etc/netrc")}\n`);
  });

  it("refuses a token some client would parse differently, naming the character, and writes nothing", () => {
    const home = makeHome("gh-cc-bad-");
    const r = gh.cli(["client-config", "--url", indexUrl, "--token", "gth-has space#x", "--for", "pip", "--home", home]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^gatehouse: --token: .*(space|whitespace|#)/);
    expect(() => statSync(join(home, ".netrc"))).toThrow();
  });
});

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { hasClient } from "../support/clients.js";
import { type RunningGatehouse, startGatehouse } from "../support/gatehouse.js";
import { createPythonRepo, makeHome, mintToken, runPip, runTwine, writeNetrc } from "../support/python-clients.js";
import { type BuiltPythonFile, buildPythonPackage, resolvePython } from "../support/python-packages.js";
import { describeOnServerDatabases } from "../support/on-server-databases.js";

const python = hasClient("python3") ? resolvePython() : "";
const ready = python !== "" && hasClient("twine") && hasClient(python, ["-m", "pip", "--version"]);
const DEBIAN_WHEELS = "/usr/share/python-wheels";
if (!existsSync(DEBIAN_WHEELS) && process.env.GATEHOUSE_REQUIRE_CLIENTS === "1") {
  throw new Error(`Debian's wheels (python3-pip-whl, in ${DEBIAN_WHEELS}) are required (GATEHOUSE_REQUIRE_CLIENTS=1) but were not found`);
}

describeOnServerDatabases("python repos with the real twine and pip", ready ? null : "python3, twine or pip is not installed", (db) => {
  let gh: RunningGatehouse;
  let work: string;
  let home: string;
  let uploader: string;
  let reader: string;
  let otherReader: string;
  let alpha: { wheel: BuiltPythonFile; sdist: BuiltPythonFile };
  let beta: { wheel: BuiltPythonFile; sdist: BuiltPythonFile };
  const index = () => `${gh.url}/pyauth/simple/`;
  const upload = (files: readonly string[], extra: readonly string[] = []) =>
    runTwine(["--repository-url", `${gh.url}/pyauth/legacy/`, "-u", "__token__", "-p", uploader, ...extra, ...files], { home });
  const target = (name: string) => join(work, name);
  function runPython(args: string[], env: Record<string, string>): string {
    const r = spawnSync(python, args, { env: { PATH: "/usr/bin:/bin", HOME: home, ...env }, encoding: "utf8" });
    return `${r.stdout}${r.stderr}`.trim();
  }

  beforeAll(async () => {
    gh = await startGatehouse({ env: db.env() });
    work = mkdtempSync(join(tmpdir(), "gh-py-e2e-"));
    home = makeHome();
    await createPythonRepo(gh, "pyauth", "pylocal", true);
    await createPythonRepo(gh, "pyother", "pyother-local", true);
    uploader = mintToken(gh, ["--scope", "sources:write", "--sources", "pylocal"]);
    reader = mintToken(gh, ["--scope", "repos:read", "--repos", "pyauth"]);
    otherReader = mintToken(gh, ["--scope", "repos:read", "--repos", "pyother"]);
    alpha = buildPythonPackage(python, work, { name: "gh-alpha", version: "1.0", requiresDist: ["gh-beta>=1.0"], requiresPython: ">=3.7" });
    beta = buildPythonPackage(python, work, { name: "gh-beta", version: "1.0" });
  });
  afterAll(async () => {
    await gh?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it("twine uploads with -u __token__; a repeat is refused 409 and --skip-existing re-runs cleanly", () => {
    const files = [alpha.wheel.path, alpha.sdist.path, beta.wheel.path, beta.sdist.path];
    const first = upload(files);
    expect(first.output).not.toMatch(/Error/);
    expect(first.code).toBe(0);
    const again = upload([alpha.wheel.path]);
    expect(again.code).not.toBe(0);
    expect(again.output).toMatch(/409 Conflict/);
    const skipping = upload(files, ["--skip-existing"]);
    expect(skipping.code).toBe(0);
    // twine wraps its warnings to the terminal width.
    expect(skipping.output.replace(/\s+/g, " ")).toMatch(/Skipping gh_alpha-1\.0-py3-none-any\.whl because it appears to already exist/);
  });

  it("pip installs with credentials only in a netrc named by NETRC, taking the dependency from the same repo", () => {
    const netrc = writeNetrc(work, "127.0.0.1", reader);
    const r = runPip(python, ["install", "--target", target("via-netrc"), "--index-url", index(), "gh-alpha"], { home, env: { NETRC: netrc } });
    expect(r.output).toMatch(/Successfully installed gh-alpha-1\.0 gh-beta-1\.0/);
    expect(r.code).toBe(0);
    expect(runPython(["-c", "import gh_alpha, gh_beta; print(gh_alpha.VERSION, gh_beta.NAME)"], { PYTHONPATH: target("via-netrc") })).toBe("1.0 gh-beta");
  });

  it("pip installs with the token in the index URL and with a /t/<token>/ prefix", () => {
    const inUrl = index().replace("http://", `http://__token__:${reader}@`);
    const a = runPip(python, ["install", "--target", target("via-userinfo"), "--index-url", inUrl, "gh-alpha"], { home });
    expect(a.output).toMatch(/Successfully installed gh-alpha-1\.0 gh-beta-1\.0/);
    const prefixed = `${gh.url}/t/${reader}/pyauth/simple/`;
    const b = runPip(python, ["install", "--target", target("via-path-token"), "--index-url", prefixed, "gh-beta==1.0"], { home });
    expect(b.output).toMatch(/Successfully installed gh-beta-1\.0/);
    expect(b.code).toBe(0);
    expect(gh.logs()).not.toContain(reader);
  });

  // pip reports why an index page could not be fetched only with -vv; without it the user sees "from versions: none".
  it("pip is refused with 401 without credentials and 403 with a token for another repo, and says so with -vv", () => {
    const anonymous = runPip(python, ["download", "-vv", "--no-deps", "-d", target("dl-anon"), "--index-url", index(), "gh-beta"], { home });
    expect(anonymous.code).not.toBe(0);
    expect(anonymous.output).toMatch(/401 Client Error: Unauthorized/);
    const inUrl = index().replace("http://", `http://__token__:${otherReader}@`);
    const foreign = runPip(python, ["download", "-vv", "--no-deps", "-d", target("dl-foreign"), "--index-url", inUrl, "gh-beta"], { home });
    expect(foreign.code).not.toBe(0);
    expect(foreign.output).toMatch(/403 Client Error: Forbidden/);
  });

  it("pip download --require-hashes accepts the published sha256 and rejects a wrong one", () => {
    const netrc = writeNetrc(work, "127.0.0.1", reader);
    const good = join(work, "good-req.txt");
    writeFileSync(good, `gh-beta==1.0 --hash=sha256:${beta.wheel.sha256} --hash=sha256:${beta.sdist.sha256}\n`);
    const ok = runPip(python, ["download", "--require-hashes", "--no-deps", "-d", target("dl-hashes"), "--index-url", index(), "-r", good], { home, env: { NETRC: netrc } });
    expect(ok.code).toBe(0);
    expect(readdirSync(target("dl-hashes"))).toContain(beta.wheel.filename);
    const bad = join(work, "bad-req.txt");
    writeFileSync(bad, `gh-beta==1.0 --hash=sha256:${"0".repeat(64)}\n`);
    const refused = runPip(python, ["download", "--require-hashes", "--no-deps", "-d", target("dl-bad"), "--index-url", index(), "-r", bad], { home, env: { NETRC: netrc } });
    expect(refused.code).not.toBe(0);
    expect(refused.output).toMatch(/DO NOT MATCH THE HASHES/);
  });

  it.skipIf(!existsSync(DEBIAN_WHEELS))("uploads a wheel built elsewhere (Debian's) with twine and installs it with pip", () => {
    const wheel = readdirSync(DEBIAN_WHEELS).find((f) => /^(six|wheel|setuptools|pip)-.*\.whl$/.test(f));
    expect(wheel).toBeDefined();
    const path = join(DEBIAN_WHEELS, wheel ?? "");
    const up = upload([path]);
    expect(up.code).toBe(0);
    const [name = "", version = ""] = (wheel ?? "").split("-");
    const netrc = writeNetrc(work, "127.0.0.1", reader);
    const r = runPip(python, ["install", "--no-deps", "--target", target("debian"), "--index-url", index(), `${name}==${version}`], { home, env: { NETRC: netrc } });
    expect(r.output).toMatch(new RegExp(`Successfully installed ${name}-${version.replace(/\./g, "\\.")}`));
    expect(readdirSync(target("debian"))).toContain(`${name}-${version}.dist-info`);
  });
});

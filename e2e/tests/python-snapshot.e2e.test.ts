import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasClient } from "../support/clients.js";
import { curl, curlAs } from "../support/curl.js";
import { type RunningGatehouse, startGatehouse } from "../support/gatehouse.js";
import { createPythonRepo, makeHome, mintToken, runPip, runTwine } from "../support/python-clients.js";
import { type BuiltPythonFile, buildPythonPackage, resolvePython } from "../support/python-packages.js";

const python = hasClient("python3") ? resolvePython() : "";
const ready = python !== "" && hasClient("twine") && hasClient("curl") && hasClient(python, ["-m", "pip", "--version"]);

function utcDate(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

describe.skipIf(!ready)("python snapshots and index URLs (real twine, pip, curl)", () => {
  let gh: RunningGatehouse;
  let work: string;
  let home: string;
  let reader: string;
  let gamma: { wheel: BuiltPythonFile; sdist: BuiltPythonFile };
  const index = (snapshot: string) => `${gh.url.replace("http://", `http://__token__:${reader}@`)}/pysnap/${snapshot}/simple/`;
  const download = (snapshot: string, dir: string) =>
    runPip(python, ["download", "--no-deps", "-d", join(work, dir), "--index-url", index(snapshot), "gh-gamma==1.0"], { home });

  beforeAll(async () => {
    gh = await startGatehouse();
    work = mkdtempSync(join(tmpdir(), "gh-py-snap-"));
    home = makeHome();
    await createPythonRepo(gh, "pysnap", "pysnap-local", true);
    reader = mintToken(gh, ["--scope", "repos:read", "--repos", "pysnap"]);
    const uploader = mintToken(gh, ["--scope", "pypi:upload"]);
    gamma = buildPythonPackage(python, work, { name: "Gh_Gamma", version: "1.0" });
    const up = runTwine(["--repository-url", `${gh.url}/pysnap/legacy/`, "-u", "__token__", "-p", uploader, gamma.wheel.path], { home });
    if (up.code !== 0) throw new Error(`twine upload failed: ${up.output}`);
  });
  afterAll(async () => {
    await gh?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it("serves a file uploaded today at latest and at today's date, not at yesterday's", () => {
    for (const [snapshot, dir] of [["latest", "latest"], [utcDate(0), "today"]] as const) {
      const r = download(snapshot, dir);
      expect(r.code, r.output).toBe(0);
      expect(readdirSync(join(work, dir))).toEqual([gamma.wheel.filename]);
    }
    const yesterday = download(utcDate(-1), "yesterday");
    expect(yesterday.code).not.toBe(0);
    expect(yesterday.output).toMatch(/from versions: none/);
    const page = curlAs(reader, `${gh.url}/pysnap/${utcDate(-1)}/simple/gh-gamma/`);
    expect(page.status).toBe(404);
    const file = curlAs(reader, `${gh.url}/pysnap/${utcDate(-1)}/files/${gamma.wheel.sha256}/${gamma.wheel.filename}`);
    expect(file.status).toBe(404);
  });

  it("redirects a non-normalized name relatively, so a /t/<token>/ URL keeps working without echoing the token", () => {
    const r = curl(["-L"], `${gh.url}/t/${reader}/pysnap/simple/Gh_Gamma/`);
    expect(r.status).toBe(200);
    expect(r.body).toContain(`${gamma.wheel.filename}#sha256=${gamma.wheel.sha256}`);
    const first = curl([], `${gh.url}/t/${reader}/pysnap/simple/Gh_Gamma/`);
    expect(first.status).toBe(301);
    expect(first.headers.location).toBe("../gh-gamma/");
  });

  it("serves ranges of a download and the PEP 658 metadata over HTTP", () => {
    const url = `${gh.url}/pysnap/files/${gamma.wheel.sha256}/${gamma.wheel.filename}`;
    const part = curlAs(reader, url, ["-H", "Range: bytes=0-3"]);
    expect(part.status).toBe(206);
    expect(part.body).toBe("PK\u0003\u0004");
    expect(part.headers["content-range"]).toMatch(/^bytes 0-3\/\d+$/);
    const meta = curlAs(reader, `${url}.metadata`);
    expect(meta.status).toBe(200);
    expect(meta.body).toMatch(/^Metadata-Version: 2\.1\nName: Gh_Gamma\nVersion: 1\.0\n/);
    const json = curlAs(reader, `${gh.url}/pysnap/simple/gh-gamma/`, ["-H", "Accept: application/vnd.pypi.simple.v1+json"]);
    expect(json.headers["content-type"]).toBe("application/vnd.pypi.simple.v1+json");
    expect(json.headers.vary).toMatch(/Accept/);
  });
});

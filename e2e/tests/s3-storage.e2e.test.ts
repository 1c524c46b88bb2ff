import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasClient } from "../support/clients.js";
import { type RunningGatehouse, runCli, startGatehouse } from "../support/gatehouse.js";
import { createPythonRepo, makeHome, mintToken, runPip, runTwine, writeNetrc } from "../support/python-clients.js";
import { type BuiltPythonFile, buildPythonPackage, resolvePython } from "../support/python-packages.js";
import { type TestS3Server, startS3Server } from "../support/s3-server.js";

const python = hasClient("python3") ? resolvePython() : "";
const ready = python !== "" && hasClient("twine") && hasClient(python, ["-m", "pip", "--version"]);

function s3Env(s3: TestS3Server, extra: Record<string, string> = {}): Record<string, string> {
  return {
    GATEHOUSE_STORAGE: `s3://${s3.bucket}/e2e/files`,
    AWS_ENDPOINT_URL: s3.endpoint,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: s3.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
    // Node 20 is this project's floor; the SDK's notice about its future Node 22 floor is noise here.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    ...extra,
  };
}

/** Every object s3rver holds under the bucket, as keys. */
function objectKeys(s3: TestS3Server): string[] {
  const root = join(s3.directory, s3.bucket);
  if (!existsSync(root)) return [];
  return (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith("._S3rver_object")).map((f) => f.replace(/\._S3rver_object$/, ""));
}

describe("GATEHOUSE_STORAGE=s3:// refuses to start", () => {
  it.each([
    ["an unknown scheme", { GATEHOUSE_STORAGE: "ftp://x" }, /invalid setting GATEHOUSE_STORAGE="ftp:\/\/x": unknown storage scheme/],
    [
      "an object store nobody answers for",
      { GATEHOUSE_STORAGE: "s3://gatehouse-test/x", AWS_ENDPOINT_URL: "http://127.0.0.1:1", AWS_ACCESS_KEY_ID: "k", AWS_SECRET_ACCESS_KEY: "s" },
      /cannot reach the object store of GATEHOUSE_STORAGE=s3:\/\/gatehouse-test\/x\/ \(AWS_ENDPOINT_URL=http:\/\/127\.0\.0\.1:1\): .*ECONNREFUSED/,
    ],
  ])("with %s: exit code ≠ 0 and a message naming GATEHOUSE_STORAGE", (_what, env, message) => {
    const dataDir = mkdtempSync(join(tmpdir(), "gh-s3-refuse-"));
    try {
      const r = runCli(["serve", "--host", "127.0.0.1", "--port", "0", "--data", dataDir], { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", ...env });
      expect(r.code).not.toBe(0);
      expect(r.code).not.toBe(-1); // -1: still running when spawnSync gave up
      expect(r.stderr).toMatch(message);
      expect(r.stdout).not.toMatch(/listening on/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!ready)("files in an S3-compatible store (s3rver) with the real twine and pip", () => {
  let s3: TestS3Server;
  let gh: RunningGatehouse;
  let dataDir: string;
  let work: string;
  let home: string;
  let reader: string;
  let pkg: { wheel: BuiltPythonFile; sdist: BuiltPythonFile };

  beforeAll(async () => {
    s3 = await startS3Server();
    dataDir = mkdtempSync(join(tmpdir(), "gh-s3-e2e-"));
    gh = await startGatehouse({ dataDir, env: s3Env(s3) });
    work = mkdtempSync(join(tmpdir(), "gh-s3-work-"));
    home = makeHome();
    await createPythonRepo(gh, "pys3", "pys3-local", true);
    reader = mintToken(gh, ["--scope", "repos:read", "--repos", "pys3"]);
    pkg = buildPythonPackage(python, work, { name: "gh-s3demo", version: "1.0" });
  });
  afterAll(async () => {
    await gh?.stop();
    await s3?.close();
    for (const dir of [dataDir, work, home]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("twine uploads into the bucket under the file's sha256, keeping nothing in the data folder", () => {
    const uploader = mintToken(gh, ["--scope", "sources:write", "--sources", "pys3-local"]);
    const up = runTwine(["--repository-url", `${gh.url}/pys3/legacy/`, "-u", "__token__", "-p", uploader, pkg.wheel.path, pkg.sdist.path], { home });
    expect(up.output).not.toMatch(/Error/);
    expect(up.code).toBe(0);
    const keys = objectKeys(s3);
    expect(keys).toContain(`e2e/files/blobs/${pkg.wheel.sha256}`);
    expect(keys).toContain(`e2e/files/blobs/${pkg.sdist.sha256}`);
    // Neither file bytes nor leftover staging files stay on the node's disk.
    expect(existsSync(join(dataDir, "files"))).toBe(false);
    expect(existsSync(join(dataDir, "staging")) ? readdirSync(join(dataDir, "staging")) : []).toEqual([]);
  });

  it("pip installs the wheel streamed from the bucket, and a Range is answered from it", async () => {
    const netrc = writeNetrc(work, "127.0.0.1", reader);
    const r = runPip(python, ["install", "--target", join(work, "via-stream"), "--index-url", `${gh.url}/pys3/simple/`, "gh-s3demo"], { home, env: { NETRC: netrc } });
    expect(r.output).toMatch(/Successfully installed gh-s3demo-1\.0/);
    expect(readdirSync(join(work, "via-stream"))).toContain("gh_s3demo-1.0.dist-info");

    const auth = { authorization: `Bearer ${reader}` };
    const page = await (await fetch(`${gh.url}/pys3/simple/gh-s3demo/`, { headers: auth })).text();
    const href = new RegExp(`href="([^"#]*${pkg.wheel.filename.replace(/\./g, "\\.")})`).exec(page)?.[1];
    expect(href).toBeDefined();
    const ranged = await fetch(new URL(String(href), `${gh.url}/pys3/simple/gh-s3demo/`), { headers: { ...auth, Range: "bytes=0-3" } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get("content-range")).toBe(`bytes 0-3/${statSync(pkg.wheel.path).size}`);
    // A wheel is a zip: its first four bytes are the local file header's signature.
    expect(Buffer.from(await ranged.arrayBuffer())).toEqual(Buffer.from("PK\x03\x04", "latin1"));
  });

  it("with GATEHOUSE_STORAGE_REDIRECT=true pip follows a presigned redirect to the store", async () => {
    await gh.stop();
    gh = await startGatehouse({ dataDir, env: s3Env(s3, { GATEHOUSE_STORAGE_REDIRECT: "true" }) });
    const page = await (await fetch(`${gh.url}/pys3/simple/gh-s3demo/`, { headers: { authorization: `Bearer ${reader}` } })).text();
    const href = new RegExp(`href="([^"#]*${pkg.wheel.filename.replace(/\./g, "\\.")})`).exec(page)?.[1];
    const res = await fetch(new URL(String(href), `${gh.url}/pys3/simple/gh-s3demo/`), { headers: { authorization: `Bearer ${reader}` }, redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(new RegExp(`^${s3.endpoint}/${s3.bucket}/e2e/files/blobs/${pkg.wheel.sha256}\\?.*X-Amz-Signature=`));
    // The token travels in the path here, so pip sends no credentials of its own to the store's port.
    const index = `${gh.url}/t/${reader}/pys3/simple/`;
    const r = runPip(python, ["install", "--target", join(work, "via-redirect"), "--index-url", index, "gh-s3demo"], { home });
    expect(r.output).toMatch(/Successfully installed gh-s3demo-1\.0/);
    expect(r.code).toBe(0);
  });
});

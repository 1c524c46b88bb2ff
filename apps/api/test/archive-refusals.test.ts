// Upload refusals found by attacking the real server (issue 15, finding 5), over the twine route:
// a decompression bomb is a 400 naming it, after a fraction of a second; a second sdist for one
// release (a legacy .zip after the .tar.gz) is a 409 CONFLICT naming the first.
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSdist, buildStoredZip, coreMetadataOf } from "./support/fixture-packages.js";
import { makeTarGz } from "./support/make-tar-gz.js";
import { type PythonTestApp, basic, errorOf, startPythonTestApp, uploadForm } from "./support/python-test-app.js";

let t: PythonTestApp;
beforeAll(async () => {
  t = await startPythonTestApp();
}, 60_000);
afterAll(async () => t?.close());

const upload = (filename: string, bytes: Buffer) =>
  t.app.request("/py/legacy/", { method: "POST", body: uploadForm({ filename, bytes }), headers: basic(t.tokens.uploader) });

describe("archive refusals on upload", () => {
  it("answers a gzip bomb (zeros after the tar's end blocks) with 400 INVALID_INPUT naming it", async () => {
    const tar = gunzipSync(makeTarGz([{ name: "bomb-1.0/PKG-INFO", data: coreMetadataOf({ name: "bomb", version: "1.0" }) }]));
    // The tar then 64 MiB of zeros, gzipped: about 300 KB on the wire.
    const bomb = gzipSync(Buffer.concat([tar, Buffer.alloc(64 * 1024 * 1024)]), { level: 1 });
    const res = await upload("bomb-1.0.tar.gz", bomb);
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.message).toMatch(/^bomb-1\.0\.tar\.gz: .*decompression bomb/);
  });

  it("answers a second sdist for one release (.zip after .tar.gz) with 409 CONFLICT naming the first", async () => {
    const first = buildSdist({ name: "twosdist", version: "1.0" });
    expect((await upload(first.filename, first.bytes)).status).toBe(200);
    const zip = buildStoredZip([{ name: "twosdist-1.0/PKG-INFO", data: coreMetadataOf({ name: "twosdist", version: "1.0" }) }]);
    const res = await upload("twosdist-1.0.zip", zip);
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toMatchObject({ code: "CONFLICT", message: expect.stringContaining(first.filename) });
  });
});

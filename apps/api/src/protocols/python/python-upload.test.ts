import { createHash } from "node:crypto";
import { listSourceFiles, LOCAL_ACTOR } from "@gatehouse/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSdist, buildStoredZip, buildWheel } from "../../../test/support/fixture-packages.js";
import { type PythonTestApp, basic, errorOf, startPythonTestApp, uploadForm } from "../../../test/support/python-test-app.js";

describe("POST /<repo>/legacy/ (twine uploads)", () => {
  let t: PythonTestApp;
  // One app for the suite (opening a database is the slow part); each case uses its own project names.
  beforeAll(async () => {
    t = await startPythonTestApp();
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  const post = (path: string, body: RequestInit["body"], headers: Record<string, string> = {}) => t.app.request(path, { method: "POST", body, headers });
  const stored = async (project: string) =>
    (await listSourceFiles(t.domain, LOCAL_ACTOR, { source: "py-local", includeRemoved: true, project })).map((f) => f.filename);

  it("publishes a wheel into the repo's first source, then answers 409 for the same filename", async () => {
    const wheel = buildWheel({ name: "Demo.Pkg", version: "1.0" });
    const sha256 = createHash("sha256").update(wheel.bytes).digest("hex");
    const md5 = createHash("md5").update(wheel.bytes).digest("hex");
    const fields = { name: "Demo.Pkg", version: "1.0", sha256_digest: sha256, md5_digest: md5 };
    const res = await post("/py/legacy/", uploadForm(wheel, fields), basic(t.tokens.uploader));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ file: { filename: wheel.filename, project: "demo-pkg", sha256, source: "py-local" } });
    const again = await post("/py/legacy/", uploadForm(wheel, fields), basic(t.tokens.uploader));
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe("ALREADY_EXISTS");
    expect(await stored("demo-pkg")).toEqual([wheel.filename]);
  });

  it("answers 401 with the repo as realm without credentials, 403 with a read-only token", async () => {
    const sdist = buildSdist({ name: "foo", version: "1.0" });
    const anonymous = await post("/py/legacy/", uploadForm(sdist));
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toBe('Basic realm="py"');
    const reader = await post("/py/legacy/", uploadForm(sdist), basic(t.tokens.reader));
    expect(reader.status).toBe(403);
    expect((await errorOf(reader)).message).toMatch(/sources:write.*py-local.*pypi:upload/);
    expect(await stored("foo")).toEqual([]);
  });

  it.each([
    ["a corrupt archive", { filename: "foo-1.0-py3-none-any.whl", bytes: Buffer.from("not a zip") }, {}, 400, /foo-1\.0-py3-none-any\.whl/],
    ["a wheel without METADATA", { filename: "foo-1.0-py3-none-any.whl", bytes: buildStoredZip([{ name: "foo/__init__.py", data: "" }]) }, {}, 400, /dist-info/],
    ["a path in the filename", { ...buildWheel({ name: "foo", version: "1.0" }), filename: "../foo-1.0-py3-none-any.whl" }, {}, 400, /unsafe filename|not a valid/],
    ["a project name that differs from the file's", buildWheel({ name: "foo", version: "1.0" }), { name: "bar" }, 400, /project 'bar'/],
    ["a version that differs from the file's", buildWheel({ name: "foo", version: "1.0" }), { version: "2.0" }, 400, /version '2\.0'/],
    ["a wrong sha256", buildWheel({ name: "foo", version: "1.0" }), { sha256_digest: "0".repeat(64) }, 400, /sha256 of the received bytes/],
    ["a wrong md5", buildWheel({ name: "foo", version: "1.0" }), { md5_digest: "0".repeat(32) }, 400, /md5/],
    ["another action", buildWheel({ name: "foo", version: "1.0" }), { ":action": "submit" }, 400, /unsupported :action 'submit'/],
  ] as const)("refuses %s and stores nothing", async (_label, pkg, fields, status, message) => {
    const res = await post("/py/legacy/", uploadForm({ filename: pkg.filename, bytes: Buffer.from(pkg.bytes) }, fields), basic(t.tokens.uploader));
    expect(res.status).toBe(status);
    expect((await errorOf(res)).message).toMatch(message);
    expect(await stored("foo")).toEqual([]);
  });

  it("verifies digests that arrive after the file part", async () => {
    const wheel = buildWheel({ name: "late", version: "1.0" });
    const boundary = "----gatehouse-test";
    const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const body = (sha: string) =>
      Buffer.concat([
        Buffer.from(`${part(":action", "file_upload")}--${boundary}\r\nContent-Disposition: form-data; name="content"; filename="${wheel.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
        wheel.bytes,
        Buffer.from(`\r\n${part("sha256_digest", sha)}--${boundary}--\r\n`),
      ]);
    const headers = { ...basic(t.tokens.uploader), "content-type": `multipart/form-data; boundary=${boundary}` };
    const wrong = await post("/py/legacy/", body("f".repeat(64)), headers);
    expect(wrong.status).toBe(400);
    expect(await stored("late")).toEqual([]);
    const right = await post("/py/legacy/", body(createHash("sha256").update(wheel.bytes).digest("hex")), headers);
    expect(right.status).toBe(200);
    expect(await stored("late")).toEqual([wheel.filename]);
  });

  it("refuses a form cut off inside the file part (400) and stores nothing", async () => {
    const wheel = buildWheel({ name: "cut", version: "1.0" });
    const boundary = "----gatehouse-cut";
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="content"; filename="${wheel.filename}"\r\n\r\n`;
    const body = Buffer.concat([Buffer.from(head), wheel.bytes.subarray(0, 100)]);
    const res = await post("/py/legacy/", body, { ...basic(t.tokens.uploader), "content-type": `multipart/form-data; boundary=${boundary}` });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toMatch(/could not be read/);
    expect(await stored("cut")).toEqual([]);
  });

  it("gives up cleanly when the client goes away mid-upload, storing nothing", async () => {
    const wheel = buildWheel({ name: "gone", version: "1.0" });
    const boundary = "----gatehouse-gone";
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="content"; filename="${wheel.filename}"\r\n\r\n`;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(Buffer.concat([Buffer.from(head), wheel.bytes.subarray(0, 100)]));
        setTimeout(() => controller.error(new Error("client went away")), 50);
      },
    });
    const headers = { ...basic(t.tokens.uploader), "content-type": `multipart/form-data; boundary=${boundary}` };
    const res = await t.app.request("/py/legacy/", { method: "POST", body, headers, duplex: "half" } as RequestInit);
    expect(res.status).toBe(400);
    expect(await stored("gone")).toEqual([]);
  });

  it("refuses a form without a file, a non-multipart body, and a repo without a source", async () => {
    const noFile = new FormData();
    noFile.set(":action", "file_upload");
    expect((await post("/py/legacy/", noFile, basic(t.tokens.uploader))).status).toBe(400);
    const raw = await post("/py/legacy/", "x", { ...basic(t.tokens.uploader), "content-type": "application/octet-stream" });
    expect(raw.status).toBe(400);
    const empty = await post("/empty/legacy/", uploadForm(buildWheel({ name: "foo", version: "1.0" })), basic(t.tokens.uploader));
    expect(empty.status).toBe(400);
    expect((await errorOf(empty)).message).toMatch(/no source to upload into: subscribe one/);
    expect((await post("/py/latest/legacy/", noFile, basic(t.tokens.uploader))).status).toBe(404);
    // Any other POST under an authenticated repo answers like a read: 401 first.
    expect((await post("/py/simple/", noFile)).status).toBe(401);
  });
});

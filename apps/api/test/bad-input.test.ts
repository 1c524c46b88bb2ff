// Bad client input is a 4xx with a code, never a 500: the cases found by fuzzing the real server,
// then a fuzz of random paths, methods and headers through the whole app.
import { LOCAL_ACTOR, createSource } from "@gatehouse/domain";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSdist } from "./support/fixture-packages.js";
import { makeRTarball } from "./support/make-r-tarball.js";
import { type PythonTestApp, basic, startPythonTestApp } from "./support/python-test-app.js";

let t: PythonTestApp;
beforeAll(async () => {
  t = await startPythonTestApp();
  await createSource(t.domain, LOCAL_ACTOR, { name: "r-local", kind: "r" });
}, 60_000);
afterAll(async () => t?.close());

/** The status and the error code of an answer; a 4xx or 5xx must carry a JSON error body. */
async function answerOf(res: Response): Promise<{ status: number; code: string | undefined }> {
  if (res.status < 400) {
    await res.arrayBuffer();
    return { status: res.status, code: undefined };
  }
  const body = (await res.json()) as { error?: { code?: string; message?: string } };
  expect(body.error?.message, `${res.status} without a message`).toEqual(expect.any(String));
  return { status: res.status, code: body.error?.code };
}

const json = (method: string, body: string): RequestInit => ({ method, headers: { "content-type": "application/json" }, body });

describe("bad input answers 4xx with a code", () => {
  it.each([
    ["/py/simple/%E0%A4%A/", "BAD_REQUEST"],
    ["/%zz/", "BAD_REQUEST"],
    ["/t/%zz/py/simple/", "UNAUTHENTICATED"],
    ["/__api__/sources/a%00b/files", "BAD_REQUEST"],
    ["/__api__/sources/py-local/files?project=a%00b", "BAD_REQUEST"],
  ])("GET %s", async (path, code) => {
    // Not as the local operator: it ignores credentials, and a path token is one.
    expect(await answerOf(await t.app.request(path, {}, { address: "test" }))).toEqual({ status: code === "UNAUTHENTICATED" ? 401 : 400, code });
  });

  it("a NUL byte in a source name in an upload path", async () => {
    const res = await t.asAdmin("/__api__/sources/a%00b/files/x.whl", { method: "PUT", body: "abc" });
    expect(await answerOf(res)).toEqual({ status: 400, code: "BAD_REQUEST" });
  });

  it.each([
    ["/__api__/sources", '{"name":"a\\u0000b","kind":"python"}'],
    ["/__api__/repos", '{"name":"nul","type":"python","description":"x\\u0000y"}'],
    ["/__api__/repos", '{"name":"nul","type":"python","\\u0000":1}'],
  ])("a NUL character in the JSON body of POST %s", async (path, body) => {
    expect(await answerOf(await t.asAdmin(path, json("POST", body)))).toEqual({ status: 400, code: "INVALID_INPUT" });
  });

  it("a twine form whose 'content' part is a file without a filename", async () => {
    const body = '--B\r\nContent-Disposition: form-data; name=":action"\r\n\r\nfile_upload\r\n--B\r\nContent-Disposition: form-data; name="content"\r\nContent-Type: application/octet-stream\r\n\r\nabc\r\n--B--\r\n';
    const res = await t.app.request("/py/legacy/", { method: "POST", body, headers: { ...basic(t.tokens.uploader), "content-type": "multipart/form-data; boundary=B" } });
    expect(await answerOf(res)).toEqual({ status: 400, code: "INVALID_INPUT" });
  });

  it("truncated sdists and R tarballs, cut at many lengths (even past their metadata)", async () => {
    const sdist = buildSdist({ name: "cut", version: "1.0" });
    const r = { filename: "cutr_1.0.tar.gz", bytes: makeRTarball({ package: "cutr", version: "1.0" }) };
    for (const [source, pkg] of [["py-local", sdist], ["r-local", r]] as const) {
      for (let n = 1; n < pkg.bytes.length - 8; n += Math.ceil(pkg.bytes.length / 12)) {
        const res = await t.asAdmin(`/__api__/sources/${source}/files/${pkg.filename}`, { method: "PUT", body: pkg.bytes.subarray(0, n) });
        const answer = await answerOf(res);
        expect(answer.status, `${pkg.filename} cut at ${n}: ${answer.code}`).toBeGreaterThanOrEqual(400);
        expect(answer.status, `${pkg.filename} cut at ${n}: ${answer.code}`).toBeLessThan(500);
      }
    }
  });
});

describe("fuzzed requests through the whole app", () => {
  const piece = fc.oneof(
    fc.constantFrom("py", "empty", "simple", "files", "legacy", "__api__", "sources", "py-local", "repos", "tokens", "whoami", "t", "latest", "2024-01-01", "src", "contrib", "noarch", "repodata.json", "PACKAGES"),
    fc.constantFrom("%", "%zz", "%E0%A4%A", "%00", "%2F", "%C3%A9", "..", ".", "", "gth-x", "a b"),
    fc.string({ maxLength: 8 }),
  );
  const path = fc.array(piece, { minLength: 1, maxLength: 6 }).map((p) => `/${p.map((s) => s.replace(/[?#]/g, "")).join("/")}`);
  const authorization = fc.oneof(
    fc.constant(undefined),
    fc.string({ maxLength: 30 }).map((s) => `Basic ${Buffer.from(s).toString("base64")}`),
    fc.string({ maxLength: 30 }).map((s) => `Bearer ${s.replace(/[^\x21-\x7e]/g, "")}x`),
    fc.string({ maxLength: 30 }).map((s) => s.replace(/[^\x20-\x7e]/g, "")),
  );
  const method = fc.constantFrom("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH");
  const body = fc.oneof(fc.constant(undefined), fc.string({ maxLength: 60 }), fc.constant('{"name":"x\\u0000"}'), fc.constant("--B\r\n"));
  const contentType = fc.constantFrom(undefined, "application/json", "multipart/form-data; boundary=B", "multipart/form-data", "text/plain");

  it("never answers 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(path, method, authorization, body, contentType, async (p, m, auth, b, type) => {
        const headers: Record<string, string> = {};
        if (auth !== undefined) headers.authorization = auth;
        if (type !== undefined) headers["content-type"] = type;
        const withBody = b !== undefined && m !== "GET" && m !== "HEAD";
        // A full URL: a path such as "//%" would otherwise be read as protocol-relative.
        const request = new Request(`http://localhost${p}`, { method: m, headers, ...(withBody ? { body: b } : {}) });
        const res = await t.app.fetch(request, { address: "fuzz" });
        expect(res.status, `${m} ${p}`).toBeLessThan(500);
        await res.arrayBuffer();
      }),
      { numRuns: 200, interruptAfterTimeLimit: 4500 },
    );
  });
});

// A private package over the twine route (issue 15, finding 6): another sources:write token of the
// source may not publish to it, and its refusals (new version or a filename the package holds) are
// one 403 that names no file; the source's file listing leaves the package out for that token.
import { LOCAL_ACTOR, createToken, setPackageAccess } from "@gatehouse/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWheel } from "./support/fixture-packages.js";
import { type PythonTestApp, basic, errorOf, startPythonTestApp, uploadForm } from "./support/python-test-app.js";

let t: PythonTestApp;
const tokens = { owner: "", other: "" };
const first = buildWheel({ name: "hidden-thing", version: "1.0" });

const upload = (token: string, pkg: { filename: string; bytes: Buffer }) =>
  t.app.request("/py/legacy/", { method: "POST", body: uploadForm(pkg), headers: basic(token) });

beforeAll(async () => {
  t = await startPythonTestApp();
  const mint = async (user: string) =>
    (await createToken(t.domain, LOCAL_ACTOR, { scopes: ["sources:write", "repos:read"], sources: ["py-local"], repos: ["py"], description: "uploader", user })).token;
  tokens.owner = await mint("olga");
  tokens.other = await mint("sam");
  expect((await upload(tokens.owner, first)).status).toBe(200);
  await setPackageAccess(t.domain, LOCAL_ACTOR, { source: "py-local", name: "hidden-thing", private: true });
}, 60_000);
afterAll(async () => t?.close());

describe("uploads to a private package over the twine route", () => {
  it("refuses another uploader with one 403 for a new version and for a taken filename, naming no file", async () => {
    const fresh = await upload(tokens.other, buildWheel({ name: "hidden-thing", version: "1.1" }));
    const taken = await upload(tokens.other, first);
    expect([fresh.status, taken.status]).toEqual([403, 403]);
    const [a, b] = [await errorOf(fresh), await errorOf(taken)];
    expect(a.code).toBe("FORBIDDEN");
    expect(b).toEqual(a);
    expect(a.message).not.toContain(".whl");
  });

  it("lets the owner publish a new version and tells the owner a taken filename is a 409", async () => {
    expect((await upload(tokens.owner, buildWheel({ name: "hidden-thing", version: "1.2" }))).status).toBe(200);
    const again = await upload(tokens.owner, first);
    expect(again.status).toBe(409);
    expect((await errorOf(again)).message).toContain(first.filename);
  });

  it("leaves the package out of the source's file listing for the other uploader only", async () => {
    const listed = async (token: string) => {
      const res = await t.app.request("/__api__/sources/py-local/files", { headers: basic(token) });
      expect(res.status).toBe(200);
      return JSON.stringify(await res.json());
    };
    expect(await listed(tokens.owner)).toContain(first.filename);
    expect(await listed(tokens.other)).not.toContain("hidden");
  });
});

// conda labels of a private package (issue 15, finding 6): another sources:write token of the source
// neither learns its files through the label API nor changes their labels; the owner does both.
import { Readable } from "node:stream";
import { LOCAL_ACTOR, createRepo, createSource, createToken, publishFile, setPackageAccess, subscribe } from "@gatehouse/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CondaTestApp, buildCondaPackage, openCondaTestApp } from "./support/conda-test-app.js";

let t: CondaTestApp;
const tokens = { owner: "", other: "" };
const secret = buildCondaPackage({ name: "secret-tool", version: "1.0" });
const open = buildCondaPackage({ name: "open-tool", version: "1.0" });

const as = (token: string, path: string, body?: unknown) =>
  t.app.request(path, body === undefined ? { headers: { authorization: `Bearer ${token}` } } : { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) });

beforeAll(async () => {
  t = await openCondaTestApp();
  await createSource(t.domain, LOCAL_ACTOR, { name: "c-src", kind: "conda" });
  await createRepo(t.domain, LOCAL_ACTOR, { name: "chan", type: "conda", authenticated: false });
  await subscribe(t.domain, LOCAL_ACTOR, { repo: "chan", source: "c-src" });
  for (const pkg of [secret, open]) await publishFile(t.domain, LOCAL_ACTOR, { source: "c-src", filename: pkg.filename, body: Readable.from([pkg.bytes]) });
  await setPackageAccess(t.domain, LOCAL_ACTOR, { source: "c-src", name: "secret-tool", private: true, owner: "olga" });
  const mint = async (user: string) => (await createToken(t.domain, LOCAL_ACTOR, { scopes: ["sources:write"], sources: ["c-src"], description: "labels", user })).token;
  tokens.owner = await mint("olga");
  tokens.other = await mint("sam");
}, 60_000);
afterAll(async () => t?.close());

describe("labels of a private conda package", () => {
  it("answers another uploader 404 for its file's labels, as for a file that does not exist, and leaves it out of label counts", async () => {
    const hidden = await as(tokens.other, `/__api__/sources/c-src/files/${secret.filename}/labels`);
    const absent = await as(tokens.other, "/__api__/sources/c-src/files/none-1.0-0.tar.bz2/labels");
    expect([hidden.status, absent.status]).toEqual([404, 404]);
    expect((await hidden.text()).replace(secret.filename, "F")).toBe((await absent.text()).replace("none-1.0-0.tar.bz2", "F"));
    expect((await as(tokens.owner, `/__api__/sources/c-src/files/${secret.filename}/labels`)).status).toBe(200);

    const counts = async (token: string) => ((await (await as(token, "/__api__/sources/c-src/labels")).json()) as { labels: { label: string; files: number }[] }).labels;
    expect(await counts(tokens.other)).toEqual([{ label: "main", files: 1 }]);
    expect(await counts(tokens.owner)).toEqual([{ label: "main", files: 2 }]);
  });

  it("lets another uploader neither edit its file's labels nor copy a label onto it; the owner may", async () => {
    expect((await as(tokens.other, `/__api__/sources/c-src/files/${secret.filename}/labels`, { add: ["dev"] })).status).toBe(404);
    const copy = await as(tokens.other, "/__api__/sources/c-src/labels/copy", { from: "main", to: "prod" });
    expect(copy.status).toBe(200);
    expect(((await copy.json()) as { copied: string[] }).copied).toEqual([open.filename]);
    const labelsOf = async () => ((await (await as(tokens.owner, `/__api__/sources/c-src/files/${secret.filename}/labels`)).json()) as { labels: { label: string }[] }).labels.map((l) => l.label);
    expect(await labelsOf()).toEqual(["main"]);

    expect((await as(tokens.owner, `/__api__/sources/c-src/files/${secret.filename}/labels`, { add: ["dev"] })).status).toBe(200);
    expect((await labelsOf()).sort()).toEqual(["dev", "main"]);
  });
});

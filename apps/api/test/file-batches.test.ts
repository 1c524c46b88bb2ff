// POST /__api__/sources/:source/file-batches (issue 12, bulk import): many small files in one
// request, each checked as a one-file upload is, durable before the answer; per-file refusals do not
// stop the rest, and a caller who may not upload is refused before the body is read.
import { createHash } from "node:crypto";
import { ops } from "@gatehouse/api-contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWheel } from "./support/fixture-packages.js";
import { type PythonTestApp, basic, errorOf, startPythonTestApp } from "./support/python-test-app.js";

let t: PythonTestApp;
beforeAll(async () => {
  t = await startPythonTestApp();
}, 60_000);
afterAll(async () => t?.close());

const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
type Part = { filename: string; bytes: Buffer; claimed?: string };

/** A batch body; `manifest: null` leaves the manifest out. */
function batchForm(parts: readonly Part[], manifest: unknown = parts.map((p) => ({ filename: p.filename, sha256: p.claimed ?? sha(p.bytes) }))): FormData {
  const form = new FormData();
  if (manifest !== null) form.append("manifest", typeof manifest === "string" ? manifest : JSON.stringify(manifest));
  for (const p of parts) form.append("file", new Blob([p.bytes]), p.filename);
  return form;
}

const send = (token: string, body: FormData, query = "") => t.app.request(`/__api__/sources/py-local/file-batches${query}`, { method: "POST", body, headers: basic(token) });

async function outcomesOf(res: Response) {
  expect(res.status, await res.clone().text()).toBe(200);
  const parsed = ops.files.uploadBatch.response.parse(await res.json());
  return parsed.outcomes;
}

describe("batch uploads", () => {
  it("adds every good file, refuses a bad one and a corrupted one by name, and skips a re-sent one", async () => {
    const good = [0, 1, 2].map((i) => buildWheel({ name: `batch-good-${i}`, version: "1.0" }));
    const broken = { filename: "batch-broken-1.0-py3-none-any.whl", bytes: Buffer.from("not a zip") };
    const corrupted = buildWheel({ name: "batch-corrupt", version: "1.0" });
    const parts: Part[] = [...good, broken, { ...corrupted, claimed: "0".repeat(64) }];
    const outcomes = await outcomesOf(await send(t.tokens.uploader, batchForm(parts)));
    expect(outcomes.map((o) => [o.filename, o.status])).toEqual([
      ...good.map((g) => [g.filename, "added"]),
      [broken.filename, "refused"],
      [corrupted.filename, "refused"],
    ]);
    expect(outcomes[4]).toMatchObject({ code: "DIGEST_MISMATCH" });
    expect(outcomes[3]?.status === "refused" && outcomes[3].code).not.toBe("DIGEST_MISMATCH");
    // Durable and visible: the index lists the added files, not the refused ones.
    const page = await t.app.request("/py/simple/batch-good-1/", { headers: basic(t.tokens.reader) });
    expect(await page.text()).toContain(good[1]?.filename);
    expect((await t.app.request("/py/simple/batch-corrupt/", { headers: basic(t.tokens.reader) })).status).toBe(404);

    const again = await outcomesOf(await send(t.tokens.uploader, batchForm([good[0] as Part, { filename: good[1]?.filename ?? "", bytes: buildWheel({ name: "batch-good-1", version: "1.0", requiresPython: ">=3.12" }).bytes }])));
    expect(again.map((o) => o.status)).toEqual(["skipped", "refused"]);
    expect(again[1]).toMatchObject({ code: "ALREADY_EXISTS" });
  });

  it("refuses a file the manifest does not list, without stopping the others", async () => {
    const listed = buildWheel({ name: "batch-listed", version: "1.0" });
    const unlisted = buildWheel({ name: "batch-unlisted", version: "1.0" });
    const outcomes = await outcomesOf(await send(t.tokens.uploader, batchForm([listed, unlisted], [{ filename: listed.filename, sha256: sha(listed.bytes) }])));
    expect(outcomes.map((o) => o.status)).toEqual(["added", "refused"]);
    expect(outcomes[1]).toMatchObject({ code: "INVALID_INPUT", reason: expect.stringContaining("not in the manifest") });
  });

  it.each([
    ["no manifest", () => batchForm([buildWheel({ name: "batch-m1", version: "1.0" })], null), 400, "manifest"],
    ["a manifest that is not JSON", () => batchForm([buildWheel({ name: "batch-m2", version: "1.0" })], "{nope"), 400, "manifest"],
    ["a manifest with a bad digest", () => batchForm([], [{ filename: "x.whl", sha256: "abc" }]), 400, "manifest"],
    [
      "a misspelt part",
      () => {
        const form = batchForm([]);
        form.append("files", new Blob([Buffer.from("x")]), "x.whl");
        return form;
      },
      400,
      "files",
    ],
  ])("answers %s with a 400 naming the field", async (_, form, status, field) => {
    const res = await send(t.tokens.uploader, form());
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ error: { code: "INVALID_INPUT", field } });
  });

  it("refuses a caller who may not upload before reading the batch, and a body that is not a form", async () => {
    const forbidden = await send(t.tokens.reader, batchForm([buildWheel({ name: "batch-nope", version: "1.0" })]));
    expect(forbidden.status).toBe(403);
    expect((await errorOf(forbidden)).code).toBe("FORBIDDEN");
    const notForm = await t.app.request("/__api__/sources/py-local/file-batches", { method: "POST", body: "x", headers: { ...basic(t.tokens.uploader), "content-type": "text/plain" } });
    expect(notForm.status).toBe(400);
    expect((await errorOf(notForm)).code).toBe("BAD_REQUEST");
  });
});

import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { batchManifest, describeIssue, ops } from "@gatehouse/api-contract";
import { type BatchOutcome, type BatchUpload, checkBatchTarget, publishBatch } from "@gatehouse/domain";
import type { AppDeps } from "../../app-env.js";
import { ApiError } from "../../http/api-error.js";
import type { contractRoutes } from "../../http/contract-route.js";
import { readFileBatch } from "../../http/file-batch-form.js";

function parseManifest(text: string | undefined): Map<string, string> {
  if (text === undefined) throw new ApiError("INVALID_INPUT", 'a batch needs a manifest field: JSON [{"filename": …, "sha256": …}] for every file', {}, "manifest");
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ApiError("INVALID_INPUT", "the manifest must be JSON", {}, "manifest");
  }
  const parsed = batchManifest.safeParse(raw);
  if (!parsed.success) throw new ApiError("INVALID_INPUT", `manifest: ${describeIssue(parsed.error.issues)}`, {}, "manifest");
  return new Map(parsed.data.map((f) => [f.filename, f.sha256]));
}

/**
 * `POST /__api__/sources/:source/file-batches`: many small files in one request, published with
 * publishBatch (every file checked as a one-file upload is, the batch made durable at once). The
 * caller's right to upload is checked before the body is read; each file's bytes are checked
 * against the manifest's sha256 before anything is recorded.
 */
export function fileBatchRoute(on: ReturnType<typeof contractRoutes>, deps: AppDeps): void {
  on(ops.files.uploadBatch, async (c, { params, query: q }) => {
    const actor = c.get("actor");
    const options = {
      source: params.source,
      ...(q["bioc-version"] ? { biocVersion: q["bioc-version"] } : {}),
      ...(q["bioc-section"] ? { biocSection: q["bioc-section"] } : {}),
      ...(q.label ? { labels: q.label.split(",") } : {}),
    };
    await checkBatchTarget(deps.domain, actor, options);
    const contentType = c.req.header("content-type") ?? "";
    const body = c.req.raw.body;
    if (!/^multipart\/form-data\s*;/i.test(contentType) || !body) {
      throw new ApiError("BAD_REQUEST", "a batch is a multipart/form-data POST with a manifest field and one 'file' part per package file", { Connection: "close" });
    }
    const form = await readFileBatch(Readable.fromWeb(body as NodeWebStream<Uint8Array>), contentType);
    const expected = parseManifest(form.manifest);
    const outcomes = new Map<number, BatchOutcome>();
    const uploads: { index: number; upload: BatchUpload }[] = [];
    form.files.forEach((part, index) => {
      const sha256 = createHash("sha256").update(part.bytes).digest("hex");
      const claimed = expected.get(part.filename);
      if (claimed === undefined) {
        outcomes.set(index, { filename: part.filename, status: "refused", code: "INVALID_INPUT", reason: `${part.filename} is not in the manifest: list every file with its sha256` });
      } else if (claimed !== sha256) {
        outcomes.set(index, { filename: part.filename, status: "refused", code: "DIGEST_MISMATCH", reason: `sha256 of the received bytes (${sha256}) differs from the manifest's (${claimed}): the upload was corrupted, retry it` });
      } else {
        uploads.push({ index, upload: { filename: part.filename, open: () => [part.bytes] } });
      }
    });
    const published = await publishBatch(deps.domain, actor, { ...options, files: uploads.map((u) => u.upload) }, { address: c.env?.address ?? null });
    for (const [k, outcome] of published.entries()) outcomes.set(uploads[k]?.index ?? -1, outcome);
    return {
      outcomes: form.files.map((part, i) => {
        const outcome = outcomes.get(i);
        if (outcome === undefined) throw new Error(`batch upload: no outcome for ${part.filename}`);
        return outcome;
      }),
    };
  });
}

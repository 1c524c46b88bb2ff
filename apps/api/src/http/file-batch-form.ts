import type { Readable } from "node:stream";
import { MAX_BATCH_BYTES, MAX_BATCH_FILES } from "@gatehouse/api-contract";
import busboy from "busboy";
import { ApiError } from "./api-error.js";
import { FORM_OVERHEAD_BYTES } from "./upload-limit.js";

/** One file of a batch, held in memory (batches are of small files, bounded by MAX_BATCH_BYTES). */
export interface BatchPart {
  filename: string;
  bytes: Buffer;
}

/** A batch upload's body once fully read. */
export interface BatchForm {
  /** The `manifest` field as sent (JSON, validated by the route). */
  manifest: string | undefined;
  /** The `file` parts, in the order they were sent. */
  files: BatchPart[];
}

const tooMany = () => new ApiError("TOO_LARGE", `a batch holds at most ${MAX_BATCH_FILES} files: send the rest in another batch`, { Connection: "close" });
const tooBig = () => new ApiError("TOO_LARGE", `a batch holds at most ${MAX_BATCH_BYTES} bytes of files: send the rest in another batch, or large files one by one`, { Connection: "close" });

/**
 * Reads a batch upload (multipart/form-data: a `manifest` field and `file` parts) into memory,
 * refusing more than MAX_BATCH_FILES files or MAX_BATCH_BYTES of them before reading further.
 * Other fields and parts are refused by name, so a misspelt part is not silently dropped.
 *
 * @example const { manifest, files } = await readFileBatch(nodeStream, c.req.header("content-type") ?? "");
 */
export async function readFileBatch(body: Readable, contentType: string): Promise<BatchForm> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: { "content-type": contentType }, preservePath: true, limits: { files: MAX_BATCH_FILES, fields: 1, fieldSize: FORM_OVERHEAD_BYTES } });
  } catch (err) {
    throw new ApiError("BAD_REQUEST", `the body is not multipart/form-data (${(err as Error).message})`, { Connection: "close" });
  }
  const files: BatchPart[] = [];
  let manifest: string | undefined;
  let received = 0;
  return new Promise<BatchForm>((resolve, reject) => {
    let failed = false;
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      body.unpipe(parser);
      parser.destroy();
      reject(err);
    };
    body.on("error", fail);
    parser.on("error", (err: Error) => fail(err instanceof ApiError ? err : new ApiError("BAD_REQUEST", `the multipart body is malformed (${err.message})`, { Connection: "close" })));
    parser.on("filesLimit", () => fail(tooMany()));
    parser.on("fieldsLimit", () => fail(new ApiError("INVALID_INPUT", "a batch has one field, manifest", {}, "manifest")));
    parser.on("field", (name, value) => {
      if (name !== "manifest") return fail(new ApiError("INVALID_INPUT", `unknown field '${name}': a batch has a manifest field and file parts`, {}, name));
      manifest = value;
    });
    parser.on("file", (name, stream, info) => {
      stream.on("error", () => undefined);
      if (name !== "file") return fail(new ApiError("INVALID_INPUT", `unknown part '${name}': each package file is a part named 'file'`, {}, name));
      if (!info.filename) return fail(new ApiError("INVALID_INPUT", "a 'file' part has no filename: send it with Content-Disposition: form-data; name=\"file\"; filename=\"<package file name>\"", {}, "file"));
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => {
        received += chunk.byteLength;
        if (received > MAX_BATCH_BYTES) return fail(tooBig());
        chunks.push(chunk);
      });
      stream.on("end", () => files.push({ filename: info.filename, bytes: Buffer.concat(chunks) }));
    });
    parser.on("close", () => {
      if (!failed) resolve({ manifest, files });
    });
    body.pipe(parser);
  });
}

import { PassThrough, Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../http/api-error.js";
import { FORM_OVERHEAD_BYTES } from "../../http/upload-limit.js";
import { type FileHandler, readMultipartStream } from "./multipart-stream.js";

const BOUNDARY = "b0undary";
const TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

function part(name: string, value: string, filename?: string): string {
  const disposition = filename === undefined ? `form-data; name="${name}"` : `form-data; name="${name}"; filename="${filename}"`;
  return `--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n\r\n${value}\r\n`;
}

const VALID = Buffer.from(`${part(":action", "file_upload")}${part("sha256_digest", "ab")}${part("content", "PK\u0003\u0004 file bytes", "foo-1.0-py3-none-any.whl")}--${BOUNDARY}--\r\n`);

/** Reads the whole part, as publishFile does. */
const readAll: FileHandler<number> = async (file) => {
  let size = 0;
  for await (const chunk of file.stream) size += (chunk as Buffer).length;
  return size;
};

/** A body that keeps arriving and never ends (a client streaming without end). */
function endlessBody(first: string): PassThrough {
  const body = new PassThrough();
  body.write(first);
  const chunk = Buffer.alloc(16 * 1024, 0x61);
  const timer = setInterval(() => (body.destroyed ? clearInterval(timer) : body.write(chunk)), 1);
  body.on("close", () => clearInterval(timer));
  return body;
}

function codeOf(err: unknown): string | undefined {
  return err instanceof ApiError ? err.code : undefined;
}

describe("readMultipartStream", () => {
  it("reads fields and streams the file part", async () => {
    const form = await readMultipartStream(Readable.from([VALID]), TYPE, "content", readAll, { maxUploadBytes: 1000 });
    expect(form.fields.get(":action")).toBe("file_upload");
    expect(form.outcome).toEqual({ ok: true, value: Buffer.byteLength("PK\u0003\u0004 file bytes") });
  });

  it("refuses, instead of waiting for ever, a form whose part header is too long before the file part", async () => {
    // busboy emits an error for a part header over 16 KiB without destroying itself, and parses on
    // into the next part; pipe() stops feeding it. Found by the fuzz test (this is its counterexample).
    const boundary = "gh::+.,++a";
    const head = (headers: string[]) => `\r\n--${boundary}\r\n${headers.join("\r\n")}\r\n\r\n`;
    const body = Buffer.concat([
      Buffer.from([160, 176, 238, 193, 187, 105, 99, 164, 115, 82]),
      Buffer.from(head([`X-Long: ${"h".repeat(20_000)}`, "Content-Type: text/plain; charset=bogus"])),
      Buffer.from(head(["Content-Disposition: form-data; name=\"content\"; filename*=utf-8''%E2%9C%93.whl", ""])),
      Buffer.from([165, 58, 199, 67, 44, 196, 1]),
      Buffer.from("\r\njunk"),
    ]);
    // The cut points matter: the counterexample's chunking.
    const points = [1885725785, 1233721778, 1098149138, 1131987677, 1085560151, 334806645, 729090289];
    const cuts = [0, ...[...new Set(points.map((p) => p % (body.length + 1)))].sort((x, y) => x - y), body.length];
    const chunks = cuts.slice(1).map((to, i) => body.subarray(cuts[i], to));
    const outcome = await readMultipartStream(Readable.from(chunks), `multipart/form-data; boundary="${boundary}"`, "content", readAll, { maxUploadBytes: 100_000 }).then(
      () => "read",
      (err: unknown) => codeOf(err),
    );
    expect(outcome).toBe("BAD_REQUEST");
  });

  it("returns at once when the handler gives up part way through an endless file part", async () => {
    const body = endlessBody(`${part(":action", "file_upload")}--${BOUNDARY}\r\nContent-Disposition: form-data; name="content"; filename="x.whl"\r\n\r\n`);
    const refusal = new Error("too large for the handler");
    const form = await readMultipartStream(
      body,
      TYPE,
      "content",
      async (file) => {
        let size = 0;
        for await (const chunk of file.stream) {
          size += (chunk as Buffer).length;
          if (size > 100_000) throw refusal;
        }
        return size;
      },
      { maxUploadBytes: 1 << 30 },
    );
    body.destroy();
    expect(form.outcome).toEqual({ ok: false, error: refusal });
  });

  it("refuses with TOO_LARGE a body that runs past the limit in a part nobody reads", async () => {
    const body = endlessBody(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="other"; filename="junk"\r\n\r\n`);
    const err = await readMultipartStream(body, TYPE, "content", readAll, { maxUploadBytes: 1000 }).catch((e: unknown) => e);
    body.destroy();
    expect(codeOf(err)).toBe("TOO_LARGE");
    expect((err as ApiError).message).toMatch(/1000 bytes \(setting GATEHOUSE_MAX_UPLOAD_BYTES\)/);
  });

  it("ends the file part of a body past the limit with TOO_LARGE, so its reader lets go", async () => {
    const body = endlessBody(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="content"; filename="x.whl"\r\n\r\n`);
    const err = await readMultipartStream(body, TYPE, "content", readAll, { maxUploadBytes: 1000 }).catch((e: unknown) => e);
    body.destroy();
    expect(codeOf(err)).toBe("TOO_LARGE");
  });

  it("still drains the form after a handler that refuses before reading, so the client gets the answer", async () => {
    const refusal = new Error("conflict");
    const form = await readMultipartStream(Readable.from([VALID]), TYPE, "content", async () => Promise.reject(refusal), { maxUploadBytes: 1000 });
    expect(form.outcome).toEqual({ ok: false, error: refusal });
  });

  it("allows the form's own fields beyond the file limit", async () => {
    const big = Buffer.from(`${part("description", "d".repeat(2000))}${part("content", "x", "a.whl")}--${BOUNDARY}--\r\n`);
    expect(big.length).toBeLessThan(1000 + FORM_OVERHEAD_BYTES);
    const form = await readMultipartStream(Readable.from([big]), TYPE, "content", readAll, { maxUploadBytes: 1000 });
    expect(form.outcome).toEqual({ ok: true, value: 1 });
  });

  // Whatever the client sends, the reader settles (no hang) with a form or an ApiError (a 4xx), never another throw.
  it("settles with a form or an ApiError for truncated, bit-flipped and random bodies", async () => {
    const mutated = fc.oneof(
      fc.nat({ max: VALID.length }).map((n) => VALID.subarray(0, n)),
      fc.tuple(fc.nat({ max: VALID.length - 1 }), fc.integer({ min: 1, max: 255 })).map(([i, x]) => {
        const copy = Buffer.from(VALID);
        copy[i] = (copy[i] ?? 0) ^ x;
        return copy;
      }),
      fc.uint8Array({ maxLength: 400 }).map((a) => Buffer.from(a)),
    );
    const chunking = fc.integer({ min: 1, max: 64 });
    await fc.assert(
      fc.asyncProperty(mutated, chunking, fc.constantFrom(TYPE, "multipart/form-data", "multipart/form-data; boundary=", "text/plain"), async (bytes, size, type) => {
        const chunks: Buffer[] = [];
        for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
        const settled = await readMultipartStream(Readable.from(chunks), type, "content", readAll, { maxUploadBytes: 1000 }).then(
          (form) => ({ ok: true as const, form }),
          (err: unknown) => ({ ok: false as const, err }),
        );
        if (!settled.ok) expect(settled.err).toBeInstanceOf(ApiError);
      }),
      { numRuns: 200, interruptAfterTimeLimit: 4000 },
    );
  });
});

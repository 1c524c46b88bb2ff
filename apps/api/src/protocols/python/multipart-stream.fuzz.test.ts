// Property tests of the streaming multipart reader with generated forms: a valid form reads back
// exactly (fields, file bytes, filename) however the body is cut into chunks, even when the file
// holds near-miss boundaries; and hostile forms (odd headers, preambles, missing end, random
// content types) settle with a form or an ApiError within a bound, never another throw or a hang.
import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../http/api-error.js";
import { type FileHandler, type StreamedForm, readMultipartStream } from "./multipart-stream.js";

const SETTLE_MS = 2000;
const LIMITS = { maxUploadBytes: 1024 * 1024 };

interface GeneratedForm {
  boundary: string;
  fields: [string, string][];
  /** Index in `fields` before which the file part goes. */
  fileAt: number;
  filename: string;
  content: Buffer;
  /** Another file part (not the one read), placed first. */
  decoy: Buffer | null;
}

const boundaryArb = fc.stringMatching(/^[A-Za-z0-9'()+_,.:=?-]{1,40}$/).map((s) => `gh${s}`);
const nameArb = fc.stringMatching(/^[a-z0-9_:-]{1,16}$/).filter((n) => n !== "content");
const valueArb = fc.string({ unit: "grapheme", maxLength: 60 });
const filenameArb = fc.stringMatching(/^[A-Za-z0-9._/ -]{1,60}$/).filter((f) => f.trim() === f && f.length > 0);

/** File bytes rich in CR, LF, dashes and prefixes of the delimiter: the parser's partial-match paths. */
function contentArb(boundary: string): fc.Arbitrary<Buffer> {
  const delimiter = `\r\n--${boundary}`;
  const piece = fc.oneof(
    fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)),
    fc.nat({ max: delimiter.length - 1 }).map((n) => Buffer.from(delimiter.slice(0, n))),
    fc.constantFrom(Buffer.from("\r\n"), Buffer.from("--"), Buffer.from("\r\n--"), Buffer.from("\r")),
  );
  return fc
    .array(piece, { maxLength: 40 })
    .map((pieces) => Buffer.concat(pieces))
    .filter((bytes) => !bytes.includes(delimiter) && !Buffer.concat([bytes, Buffer.from("\r\n")]).includes(delimiter));
}

const formArb: fc.Arbitrary<GeneratedForm> = boundaryArb.chain((boundary) =>
  fc.record({
    boundary: fc.constant(boundary),
    fields: fc.array(fc.tuple(nameArb, valueArb), { maxLength: 8 }).map((fs) => fs.filter(([, v]) => !`\r\n${v}`.includes(`--${boundary}`))),
    fileAt: fc.nat({ max: 8 }),
    filename: filenameArb,
    content: contentArb(boundary),
    decoy: fc.option(contentArb(boundary)),
  }),
);

function encode(form: GeneratedForm): Buffer {
  const b = form.boundary;
  const parts: Buffer[] = [];
  const field = ([name, value]: [string, string]) =>
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  const file = (name: string, filename: string, bytes: Buffer) =>
    Buffer.concat([
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      bytes,
      Buffer.from("\r\n"),
    ]);
  if (form.decoy) parts.push(file("other", "decoy.bin", form.decoy));
  const at = Math.min(form.fileAt, form.fields.length);
  form.fields.forEach((f, i) => {
    if (i === at) parts.push(file("content", form.filename, form.content));
    parts.push(field(f));
  });
  if (at >= form.fields.length) parts.push(file("content", form.filename, form.content));
  parts.push(Buffer.from(`--${b}--\r\n`));
  return Buffer.concat(parts);
}

/** The Content-Type naming `boundary`, quoted when it holds characters a bare parameter may not (RFC 2045 tspecials). */
const typeFor = (boundary: string) =>
  /[()<>@,;:\\"/[\]?=]/.test(boundary) ? `multipart/form-data; boundary="${boundary}"` : `multipart/form-data; boundary=${boundary}`;

/** Cuts `bytes` at the given points (any order, duplicates allowed). */
function cut(bytes: Buffer, points: number[]): Buffer[] {
  const at = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((x, y) => x - y);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const p of [...at, bytes.length]) {
    if (p > from) chunks.push(bytes.subarray(from, p));
    from = Math.max(from, p);
  }
  return chunks;
}

const collect: FileHandler<{ filename: string; bytes: Buffer }> = async (file) => {
  const chunks: Buffer[] = [];
  for await (const chunk of file.stream) chunks.push(chunk as Buffer);
  return { filename: file.filename, bytes: Buffer.concat(chunks) };
};

type Settled = { ok: true; form: StreamedForm<{ filename: string; bytes: Buffer }> } | { ok: false; err: unknown };

/** Reads the body, failing the property if it neither resolves nor rejects within SETTLE_MS. */
async function settle(chunks: Buffer[], contentType: string): Promise<Settled> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the reader did not settle within ${SETTLE_MS} ms`)), SETTLE_MS);
  });
  try {
    return await Promise.race([
      readMultipartStream(Readable.from(chunks), contentType, "content", collect, LIMITS).then(
        (form): Settled => ({ ok: true, form }),
        (err: unknown): Settled => ({ ok: false, err }),
      ),
      hang,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

describe("readMultipartStream on generated forms", () => {
  it("reads any valid form back exactly, however the body is chunked", async () => {
    await fc.assert(
      fc.asyncProperty(formArb, fc.array(fc.nat(), { maxLength: 12 }), async (form, points) => {
        const settled = await settle(cut(encode(form), points), typeFor(form.boundary));
        if (!settled.ok) throw settled.err;
        const firstOfEach = new Map<string, string>();
        for (const [name, value] of form.fields) if (!firstOfEach.has(name)) firstOfEach.set(name, value);
        expect(settled.form.fields).toEqual(firstOfEach);
        expect(settled.form.outcome).toEqual({ ok: true, value: { filename: form.filename, bytes: form.content } });
      }),
      { numRuns: 300, interruptAfterTimeLimit: 8000 },
    );
  });

  const hostileHeader = fc.constantFrom(
    "Content-Disposition: form-data",
    'Content-Disposition: form-data; name=""',
    'Content-Disposition: form-data; name="content"; filename=""',
    'Content-Disposition: form-data; name="content"; filename="a\u0000b.whl"',
    "Content-Disposition: form-data; name=content; filename=x.whl",
    'Content-Disposition: form-data; name="content"; filename*=utf-8\'\'%E2%9C%93.whl',
    'Content-Disposition: form-data; name="content"; filename="unterminated',
    "Content-Disposition: attachment",
    `X-Long: ${"h".repeat(20_000)}`,
    "no colon in this header",
    "Content-Type: text/plain; charset=bogus",
    "",
  );
  const hostilePart = fc
    .tuple(fc.array(hostileHeader, { maxLength: 3 }), fc.uint8Array({ maxLength: 80 }))
    .map(([headers, body]) => ({ headers, body: Buffer.from(body) }));

  it("settles with a form or an ApiError on hostile parts, preambles and missing ends", async () => {
    await fc.assert(
      fc.asyncProperty(
        boundaryArb,
        fc.array(hostilePart, { maxLength: 5 }),
        fc.uint8Array({ maxLength: 40 }),
        fc.constantFrom("--B--\r\n", "--B--", "--B", "", "--B\r\n", "junk"),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (boundary, parts, preamble, ending, points) => {
          const body = Buffer.concat([
            Buffer.from(preamble),
            ...parts.map((p) => Buffer.concat([Buffer.from(`\r\n--${boundary}\r\n${p.headers.join("\r\n")}\r\n\r\n`), p.body])),
            Buffer.from(`\r\n${ending.replace("B", boundary)}`),
          ]);
          const settled = await settle(cut(body, points), typeFor(boundary));
          if (!settled.ok) expect(settled.err).toBeInstanceOf(ApiError);
          else if (settled.form.outcome?.ok === false) expect(settled.form.outcome.error).toBeInstanceOf(ApiError);
        },
      ),
      { numRuns: 300, interruptAfterTimeLimit: 8000 },
    );
  });

  it("settles with a form or an ApiError for any content type", async () => {
    const body = encode({ boundary: "ghx", fields: [["a", "b"]], fileAt: 1, filename: "f.whl", content: Buffer.from("x"), decoy: null });
    const contentType = fc.oneof(
      fc.string({ unit: "binary", maxLength: 80 }),
      fc.string({ maxLength: 60 }).map((s) => `multipart/form-data; ${s}`),
      fc.constantFrom("multipart/form-data; boundary=", 'multipart/form-data; boundary=""', "multipart/mixed; boundary=ghx", "multipart/form-data; boundary=ghx; boundary=other"),
    );
    await fc.assert(
      fc.asyncProperty(contentType, async (type) => {
        const settled = await settle([body], type);
        if (!settled.ok) expect(settled.err).toBeInstanceOf(ApiError);
      }),
      { numRuns: 200, interruptAfterTimeLimit: 6000 },
    );
  });
});

import type { Readable } from "node:stream";
import busboy from "busboy";
import { ApiError } from "../../http/api-error.js";
import { bodyLimitOf, tooLargeError } from "../../http/upload-limit.js";

/** The one file part a form handler is given, as a stream (never buffered). */
export interface FormFilePart {
  /** The filename exactly as sent (paths kept, so unsafe names can be refused rather than silently cut). */
  filename: string;
  stream: Readable;
}

/** How the file handler ended: its value, or what it threw. */
export type FileOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** What a streamed form held once fully read. */
export interface StreamedForm<T> {
  /** Text fields, first value of each name. */
  fields: Map<string, string>;
  /** The file handler's outcome, or undefined when the form had no such file part. */
  outcome: FileOutcome<T> | undefined;
}

/**
 * Called once for the named file part. `fields` holds the text fields seen so
 * far (later ones are added as they arrive); `formRead` settles when the whole
 * body has been parsed, rejecting on a malformed or truncated body.
 */
export type FileHandler<T> = (file: FormFilePart, fields: ReadonlyMap<string, string>, formRead: Promise<void>) => Promise<T>;

/**
 * Whether the handler let go of its part before the end: destroyed without an error, or with
 * the AbortError a `for await` loop left early leaves. The parser ends a part with other errors.
 */
function isAbandoned(stream: Readable): boolean {
  if (!stream.destroyed || stream.readableEnded) return false;
  return !stream.errored || stream.errored.name === "AbortError";
}

const LIMITS = { fieldSize: 4 * 1024 * 1024, fields: 500, files: 4, parts: 600 } as const;

/** Bounds of one form. */
export interface FormLimits {
  /** The upload limit (`GATEHOUSE_MAX_UPLOAD_BYTES`); the whole body may exceed it only by the form's fields. */
  maxUploadBytes: number;
}

/**
 * Reads a multipart/form-data body as it arrives: text fields are collected,
 * the file part named `fileField` is streamed to `handle`, and any other file
 * part is discarded. A handler that refuses before reading its part (e.g. a
 * name conflict) has the rest of the form drained, so the client gets the
 * answer instead of a broken connection. A handler that fails part way
 * through its part (too large, disk full), or a body past the limit, stops
 * the reading at once: the outcome is returned without waiting for the rest,
 * which the server never reads (it closes the connection after answering).
 *
 * @example
 * const form = await readMultipartStream(body, contentType, "content", async (file) => stageSomewhere(file.stream), { maxUploadBytes: 1 << 30 });
 */
export async function readMultipartStream<T>(body: Readable, contentType: string, fileField: string, handle: FileHandler<T>, limits: FormLimits): Promise<StreamedForm<T>> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: { "content-type": contentType }, preservePath: true, limits: LIMITS });
  } catch (err) {
    throw new ApiError("BAD_REQUEST", `the body is not multipart/form-data (${(err as Error).message})`, { Connection: "close" });
  }
  const fields = new Map<string, string>();
  let outcome: Promise<FileOutcome<T>> | undefined;
  // Set when reading stops before the end of the body: the handler failed mid-part, or the body grew past the limit.
  let stopped: { byHandler: boolean } | undefined;
  const stop = (err: Error, byHandler: boolean) => {
    if (stopped) return;
    stopped = { byHandler };
    body.unpipe(parser);
    // Also ends the file part in flight with this error, so its reader lets go (and frees what it staged).
    parser.destroy(err);
  };
  const formRead = new Promise<void>((resolve, reject) => {
    parser.on("close", resolve);
    parser.on("error", reject);
  });
  // A client that goes away mid-upload must end the part too, or its reader would wait forever.
  body.on("error", (err) => parser.destroy(err));
  // The handler may never look at formRead; its rejection is reported below instead.
  formRead.catch(() => undefined);
  const maxBodyBytes = bodyLimitOf(limits.maxUploadBytes, contentType);
  let received = 0;
  // Counts what arrives, whatever part it is for: other file parts are discarded, but never read without end.
  body.on("data", (chunk: Uint8Array) => {
    received += chunk.byteLength;
    if (received > maxBodyBytes) stop(tooLargeError(limits.maxUploadBytes), false);
  });
  parser.on("field", (name, value) => {
    if (!fields.has(name)) fields.set(name, value);
  });
  parser.on("file", (name, stream, info) => {
    // A body cut short destroys the part with an error, maybe before the handler starts reading
    // (it may still be checking the database); unheard, that error would crash the process. The
    // handler still sees it when it reads, and formRead reports it.
    stream.on("error", () => undefined);
    if (name !== fileField || outcome) {
      stream.resume();
      return;
    }
    // busboy takes an application/octet-stream part for a file even without a filename; the
    // handler is promised one (the file is stored under it), so such a part is refused here.
    if (!info.filename) {
      stream.resume();
      const error = new ApiError("INVALID_INPUT", `the '${fileField}' part has no filename: send it with Content-Disposition: form-data; name="${fileField}"; filename="<package file name>"`, {}, fileField);
      outcome = Promise.resolve({ ok: false, error });
      return;
    }
    outcome = handle({ filename: info.filename, stream }, fields, formRead).then(
      (value): FileOutcome<T> => ({ ok: true, value }),
      (error: unknown): FileOutcome<T> => {
        // A part the handler gave up on half read cannot be drained (it is destroyed), and reading
        // on would only delay the answer: stop here. A part ended by the form failing (a truncated
        // body) is reported by formRead instead.
        if (isAbandoned(stream)) stop(error instanceof Error ? error : new Error(String(error)), true);
        return { ok: false, error };
      },
    );
    void outcome.finally(() => {
      if (!stream.destroyed) stream.resume();
    });
  });
  body.pipe(parser);
  try {
    await formRead;
  } catch (err) {
    // busboy reports some malformed forms (an oversized part header) by emitting an error without
    // destroying itself, and pipe() then stops feeding it: a file part in flight would wait for
    // bytes forever. Destroying the parser ends that part with the error.
    body.unpipe(parser);
    if (!parser.destroyed) parser.destroy(err instanceof Error ? err : new Error(String(err)));
    // Let a handler in flight see the failure and clean up (drop what it staged) before answering.
    const settled = outcome ? await outcome : undefined;
    if (stopped?.byHandler) return { fields, outcome: settled };
    if (stopped) throw err;
    throw new ApiError("BAD_REQUEST", `the upload form could not be read: ${(err as Error).message}`, { Connection: "close" });
  }
  return { fields, outcome: outcome ? await outcome : undefined };
}

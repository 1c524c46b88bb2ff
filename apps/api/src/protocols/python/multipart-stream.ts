import type { Readable } from "node:stream";
import busboy from "busboy";
import { ApiError } from "../../http/api-error.js";

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

const LIMITS = { fieldSize: 4 * 1024 * 1024, fields: 500, files: 4, parts: 600 } as const;

/**
 * Reads a multipart/form-data body as it arrives: text fields are collected,
 * the file part named `fileField` is streamed to `handle`, and any other file
 * part is discarded. A handler that stops reading early (e.g. it refused the
 * upload) has the rest of its part drained, so the client gets the answer
 * instead of a broken connection.
 *
 * @example
 * const form = await readMultipartStream(body, contentType, "content", async (file) => stageSomewhere(file.stream));
 */
export async function readMultipartStream<T>(body: Readable, contentType: string, fileField: string, handle: FileHandler<T>): Promise<StreamedForm<T>> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: { "content-type": contentType }, preservePath: true, limits: LIMITS });
  } catch (err) {
    throw new ApiError("BAD_REQUEST", `the body is not multipart/form-data (${(err as Error).message})`, { Connection: "close" });
  }
  const fields = new Map<string, string>();
  let outcome: Promise<FileOutcome<T>> | undefined;
  const formRead = new Promise<void>((resolve, reject) => {
    parser.on("close", resolve);
    parser.on("error", reject);
  });
  // A client that goes away mid-upload must end the part too, or its reader would wait forever.
  body.on("error", (err) => parser.destroy(err));
  // The handler may never look at formRead; its rejection is reported below instead.
  formRead.catch(() => undefined);
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
    outcome = handle({ filename: info.filename, stream }, fields, formRead)
      .then((value): FileOutcome<T> => ({ ok: true, value }), (error: unknown): FileOutcome<T> => ({ ok: false, error }))
      .finally(() => stream.resume());
  });
  body.pipe(parser);
  try {
    await formRead;
  } catch (err) {
    // Let a handler in flight see the failure and clean up before answering.
    await outcome;
    throw new ApiError("BAD_REQUEST", `the upload form could not be read: ${(err as Error).message}`, { Connection: "close" });
  }
  return { fields, outcome: outcome ? await outcome : undefined };
}

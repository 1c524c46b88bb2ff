import type { CachedPage } from "../cached-page.js";
import type { AssembledDocument } from "./deflate-segments.js";

/** A cached page of an assembled document: its bytes with the gzip copy made with it, so no request compresses. */
export function documentPage(doc: AssembledDocument, contentType: string, headers: Record<string, string> = {}): CachedPage {
  return { body: doc.body ?? doc.gzip, contentType, etag: doc.etag, headers, gzip: doc.body ? doc.gzip : null };
}

/** Joins a chunk's lines with `separator` before each (none before the very first line of a list when `leading`). */
export function joinLines(lines: readonly string[], leading: boolean, separator: string, first = ""): Buffer {
  let text = "";
  for (let i = 0; i < lines.length; i++) text += (i === 0 && leading ? first : separator) + lines[i];
  return Buffer.from(text, "utf8");
}

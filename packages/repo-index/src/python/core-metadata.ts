import { fail, ok } from "../shared/result.js";
import type { Result } from "../shared/result.js";

/** The fields of a distribution's core metadata (METADATA / PKG-INFO) that the index needs. */
export interface PythonCoreMetadata {
  name: string;
  version: string;
  summary?: string;
  requiresPython?: string;
  requiresDist: string[];
  metadataVersion?: string;
  /** The exact METADATA / PKG-INFO text, served as PEP 658 core metadata for wheels. */
  raw: string;
}

const HEADER_RE = /^([A-Za-z0-9][A-Za-z0-9_-]*):[ \t]*(.*)$/;

/**
 * Reads RFC 822-style headers into (lowercased name, value) pairs, in order.
 * Continuation lines (leading space or tab) are appended after a "\n", keeping their text as written;
 * values are trimmed. The first blank line ends the headers; the body (long description) is ignored,
 * and so is anything after a line that is neither a header nor a continuation, as Python's email parser does.
 */
export function readMetadataHeaders(text: string): Array<[string, string]> {
  const headers: Array<[string, string]> = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  for (const line of lines) {
    if (line.trim() === "") break;
    const last = headers[headers.length - 1];
    if (/^[ \t]/.test(line)) {
      if (last === undefined) break;
      last[1] += `\n${line}`;
      continue;
    }
    const match = HEADER_RE.exec(line);
    if (!match) break;
    headers.push([(match[1] ?? "").toLowerCase(), match[2] ?? ""]);
  }
  return headers.map(([name, value]) => [name, value.trim()]);
}

/**
 * Parses core metadata text (PEP 566 / 643 fields; RFC 822-style headers with continuation lines).
 * Errors: METADATA_INVALID when Name or Version is missing.
 * @example parseCoreMetadata("Metadata-Version: 2.1\nName: foo\nVersion: 1.0\n").value?.name // "foo"
 */
export function parseCoreMetadata(text: string): Result<PythonCoreMetadata> {
  const first = new Map<string, string>();
  const requiresDist: string[] = [];
  for (const [name, value] of readMetadataHeaders(text)) {
    if (name === "requires-dist") requiresDist.push(value);
    else if (!first.has(name)) first.set(name, value);
  }
  const name = first.get("name");
  const version = first.get("version");
  if (!name || !version) {
    return fail({
      code: "METADATA_INVALID",
      message: "the core metadata must have Name and Version headers before the first blank line",
    });
  }
  const metadata: PythonCoreMetadata = { name, version, requiresDist, raw: text };
  const summary = first.get("summary");
  const requiresPython = first.get("requires-python");
  const metadataVersion = first.get("metadata-version");
  if (summary !== undefined) metadata.summary = summary;
  if (requiresPython !== undefined) metadata.requiresPython = requiresPython;
  if (metadataVersion !== undefined) metadata.metadataVersion = metadataVersion;
  return ok(metadata);
}

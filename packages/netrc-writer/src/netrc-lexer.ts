import { fail, ok, type Result } from "./result.js";

/** One lexical token of a netrc file, with its exact span in the source text. */
export interface NetrcToken {
  kind: "word" | "comment";
  /** Decoded value: quotes and backslash escapes removed (as Python's netrc reads it). */
  value: string;
  quoted: boolean;
  start: number;
  end: number;
}

const WHITESPACE = new Set([" ", "\t", "\r", "\n", "\v", "\f"]);

/** Tells whether a character separates netrc tokens. */
export function isNetrcSpace(ch: string | undefined): boolean {
  return ch !== undefined && WHITESPACE.has(ch);
}

/** Returns the 1-based line number of an offset, for error messages. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === "\n") line++;
  return line;
}

/**
 * Reads the next token at or after `pos`; null at end of text.
 * A `#` that starts a token comments out the rest of the line, as curl reads it.
 */
export function readNetrcToken(text: string, pos: number): Result<NetrcToken | null> {
  let i = pos;
  while (i < text.length && isNetrcSpace(text[i])) i++;
  if (i >= text.length) return ok(null);
  const start = i;
  if (text[i] === "#") {
    const nl = text.indexOf("\n", i);
    const end = nl === -1 ? text.length : nl;
    return ok({ kind: "comment", value: text.slice(start, end), quoted: false, start, end });
  }
  if (text[i] === '"') return readQuoted(text, start);
  let value = "";
  while (i < text.length && !isNetrcSpace(text[i])) {
    // Python's netrc lets a backslash escape the next character, even a space.
    if (text[i] === "\\" && i + 1 < text.length) i++;
    value += text[i];
    i++;
  }
  return ok({ kind: "word", value, quoted: false, start, end: i });
}

function readQuoted(text: string, start: number): Result<NetrcToken> {
  let value = "";
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') return ok({ kind: "word", value, quoted: true, start, end: i + 1 });
    if (ch === "\\" && i + 1 < text.length) i++;
    value += text[i];
    i++;
  }
  return fail(
    "NETRC_PARSE",
    `netrc line ${lineOf(text, start)}: a quoted value is never closed; add the missing '"'.`,
  );
}

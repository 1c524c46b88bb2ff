import type { NetrcDocument, NetrcEntry, NetrcField, NetrcItem, NetrcMacro } from "./netrc-document.js";
import { lineOf, type NetrcToken, readNetrcToken } from "./netrc-lexer.js";
import { fail, ok, type Result } from "./result.js";

const ENTRY_KEYWORDS = new Set(["machine", "default", "macdef"]);
const FIELD_KEYWORDS = new Set(["login", "user", "password", "account"]);

/**
 * Parses netrc text into spans that keep every byte (comments, blank lines, CRLF, macros).
 * @example
 * const doc = parseNetrc("machine pkg.example login __token__ password gth-abc\n");
 * if (doc.ok) serializeNetrc(doc.value); // the same text, byte for byte
 */
export function parseNetrc(text: string): Result<NetrcDocument> {
  const items: NetrcItem[] = [];
  let pos = 0;
  let triviaStart = 0;
  const flushTrivia = (upTo: number): void => {
    if (upTo > triviaStart) items.push({ kind: "trivia", raw: text.slice(triviaStart, upTo) });
  };
  for (;;) {
    const next = readWord(text, pos);
    if (!next.ok) return next;
    const token = next.value;
    if (token === null) break;
    const keyword = keywordOf(token);
    if (keyword === "machine" || keyword === "default") {
      const entry = parseEntry(text, token, keyword);
      if (!entry.ok) return entry;
      flushTrivia(token.start);
      items.push(entry.value.entry);
      pos = triviaStart = entry.value.end;
    } else if (keyword === "macdef") {
      const macro = parseMacro(text, token);
      flushTrivia(token.start);
      items.push(macro.item);
      pos = triviaStart = macro.end;
    } else {
      // A stray word: Python rejects the file, curl skips it; we keep it as text.
      pos = token.end;
    }
  }
  flushTrivia(text.length);
  return ok({ items });
}

function readWord(text: string, pos: number): Result<NetrcToken | null> {
  let at = pos;
  for (;;) {
    const next = readNetrcToken(text, at);
    if (!next.ok || next.value === null || next.value.kind === "word") return next;
    at = next.value.end;
  }
}

function keywordOf(token: NetrcToken): string | null {
  if (token.quoted) return null;
  const lower = token.value.toLowerCase();
  return ENTRY_KEYWORDS.has(lower) || FIELD_KEYWORDS.has(lower) ? lower : null;
}

interface ParsedEntry {
  entry: NetrcEntry;
  end: number;
}

function parseEntry(text: string, head: NetrcToken, kind: "machine" | "default"): Result<ParsedEntry> {
  const base = head.start;
  let last = head.end;
  let host: string | null = null;
  let hostStart = -1;
  let hostEnd = -1;
  if (kind === "machine") {
    const name = readWord(text, last);
    if (!name.ok) return name;
    if (name.value === null) {
      return fail("NETRC_PARSE", `netrc line ${lineOf(text, head.start)}: "machine" has no host name after it.`);
    }
    host = name.value.value;
    hostStart = name.value.start - base;
    hostEnd = name.value.end - base;
    last = name.value.end;
  }
  const fields: NetrcField[] = [];
  for (;;) {
    const next = readWord(text, last);
    if (!next.ok) return next;
    const token = next.value;
    if (token === null) break;
    const keyword = keywordOf(token);
    if (keyword !== null && ENTRY_KEYWORDS.has(keyword)) break;
    let value: NetrcToken | null = null;
    if (keyword !== null) {
      const read = readWord(text, token.end);
      if (!read.ok) return read;
      value = read.value;
    }
    const end = value?.end ?? token.end;
    fields.push({
      key: keyword ?? token.value,
      value: keyword === null ? null : (value?.value ?? null),
      gapStart: last - base,
      keyStart: token.start - base,
      keyEnd: token.end - base,
      valueStart: (value?.start ?? token.end) - base,
      valueEnd: end - base,
    });
    last = end;
  }
  const end = extendToLineEnd(text, last);
  const entry: NetrcEntry = {
    kind,
    raw: text.slice(base, end),
    host,
    hostStart,
    hostEnd,
    fields,
    login: lastValue(fields, ["login", "user"]),
    password: lastValue(fields, ["password"]),
    account: lastValue(fields, ["account"]),
  };
  return ok({ entry, end });
}

function lastValue(fields: readonly NetrcField[], keys: readonly string[]): string | null {
  let found: string | null = null;
  for (const field of fields) if (keys.includes(field.key) && field.value !== null) found = field.value;
  return found;
}

/** Takes the rest of the line into the entry when only spaces or a comment follow its last token. */
function extendToLineEnd(text: string, pos: number): number {
  let i = pos;
  while (i < text.length && " \t\r\v\f".includes(text[i] ?? "")) i++;
  if (text[i] === "#") {
    const nl = text.indexOf("\n", i);
    i = nl === -1 ? text.length : nl;
  }
  if (i >= text.length) return text.length;
  return text[i] === "\n" ? i + 1 : pos;
}

function parseMacro(text: string, head: NetrcToken): { item: NetrcMacro; end: number } {
  const lineEnd = text.indexOf("\n", head.end);
  const nameEnd = lineEnd === -1 ? text.length : lineEnd;
  const name = text.slice(head.end, nameEnd).trim();
  let i = lineEnd === -1 ? text.length : lineEnd + 1;
  let terminated = false;
  while (i < text.length) {
    const nl = text.indexOf("\n", i);
    const next = nl === -1 ? text.length : nl + 1;
    const line = text.slice(i, next);
    i = next;
    if (line === "\n" || line === "\r\n") {
      terminated = true;
      break;
    }
  }
  return { item: { kind: "macdef", raw: text.slice(head.start, i), name, terminated }, end: i };
}

import { type NetrcDocument, type NetrcEntry, type NetrcItem, serializeNetrc } from "./netrc-document.js";
import { parseNetrc } from "./netrc-parse.js";
import { validateNetrcValue } from "./netrc-value.js";
import { findMachine } from "./find-machine.js";
import { fail, ok, type Result } from "./result.js";
import { applyTextEdits, detectEol, lineStartOf, type TextEdit } from "./text-edit.js";

interface Located {
  item: NetrcItem;
  start: number;
  end: number;
}

function locateItems(doc: NetrcDocument): Located[] {
  let at = 0;
  return doc.items.map((item) => {
    const start = at;
    at += item.raw.length;
    return { item, start, end: at };
  });
}

function isMachineFor(host: string): (l: Located) => l is Located & { item: NetrcEntry } {
  return (l): l is Located & { item: NetrcEntry } =>
    l.item.kind === "machine" && l.item.host?.toLowerCase() === host;
}

/**
 * Sets the credentials of one host, touching no other entry: the first entry for the host is edited
 * in place (or a new one is added before any `default` entry), and its duplicates are removed.
 * @example
 * upsertMachine(doc, "pkg.example.com", "__token__", "gth-…"); // ok(new document)
 */
export function upsertMachine(
  doc: NetrcDocument,
  host: string,
  login: string,
  password: string,
): Result<NetrcDocument> {
  for (const [value, kind] of [
    [host, "host"],
    [login, "login"],
    [password, "password"],
  ] as const) {
    const checked = validateNetrcValue(value, kind);
    if (!checked.ok) return checked;
  }
  const wanted = host.toLowerCase();
  const text = serializeNetrc(doc);
  const eol = detectEol(text);
  const located = locateItems(doc);
  const matches = located.filter(isMachineFor(wanted));
  const firstDefault = located.find((l) => l.item.kind === "default");
  const edits: TextEdit[] = [];
  const [first, ...rest] = matches;
  // curl stops at `default`, so an entry after it is invisible to curl and must move before it.
  if (first !== undefined && (firstDefault === undefined || first.start < firstDefault.start)) {
    edits.push(...editEntry(first.start, first.item, wanted, login, password));
    for (const dup of rest) edits.push(removalEdit(text, dup));
  } else {
    for (const dup of matches) edits.push(removalEdit(text, dup));
    const entryText = `machine ${wanted} login ${login} password ${password}${eol}`;
    edits.push(insertionEdit(text, doc, firstDefault, entryText, eol));
  }
  if (edits.length === 0) return ok(doc);
  let next = applyTextEdits(text, edits);
  if (!next.endsWith("\n")) next += eol;
  const parsed = parseNetrc(next);
  if (!parsed.ok) return parsed;
  return readableByAClient(parsed.value, wanted, login, password);
}

/**
 * Refuses an edit whose entry no client would read: text before it (a bare `machine`, a keyword Python
 * refuses) can hide it from pip and curl alike, and a file that looks done but sends no token is worse
 * than an error that names the cause.
 */
function readableByAClient(doc: NetrcDocument, host: string, login: string, password: string): Result<NetrcDocument> {
  const found = findMachine(doc, host);
  const reads = (c: { login: string; password: string } | null): boolean => c?.login === login && c.password === password;
  if (found.agree ? reads(found.credentials) : reads(found.python) || reads(found.curl)) return ok(doc);
  const why = !found.agree && found.pythonError !== undefined ? ` (Python's netrc module stops at: ${found.pythonError})` : "";
  return fail(
    "NETRC_ENTRY_HIDDEN",
    `neither pip nor curl would read a new entry for ${host}: an earlier line leaves an entry open or is not netrc${why}. Fix or remove that line, then run the command again.`,
  );
}

/** Removes every `machine` entry of a host (compared case-insensitively, as curl does). */
export function removeMachine(doc: NetrcDocument, host: string): Result<NetrcDocument> {
  const text = serializeNetrc(doc);
  const matches = locateItems(doc).filter(isMachineFor(host.toLowerCase()));
  if (matches.length === 0) return ok(doc);
  return parseNetrc(applyTextEdits(text, matches.map((m) => removalEdit(text, m))));
}

function editEntry(base: number, entry: NetrcEntry, host: string, login: string, password: string): TextEdit[] {
  const edits: TextEdit[] = [];
  // curl reads a CRLF line break between a keyword and its value as an empty value: keep them on one line.
  if (entry.host !== host || entry.raw.slice(0, entry.hostStart).includes("\n")) {
    edits.push({ start: base, end: base + entry.hostEnd, text: `machine ${host}` });
  }
  const logins = entry.fields.filter((f) => f.key === "login" || f.key === "user");
  const passwords = entry.fields.filter((f) => f.key === "password");
  const [login0, ...extraLogins] = logins;
  const [password0, ...extraPasswords] = passwords;
  for (const extra of [...extraLogins, ...extraPasswords]) {
    edits.push({ start: base + extra.gapStart, end: base + extra.valueEnd, text: "" });
  }
  const hostEnd = base + entry.hostEnd;
  if (login0 === undefined) {
    const tail = password0 === undefined ? ` password ${password}` : "";
    edits.push({ start: hostEnd, end: hostEnd, text: ` login ${login}${tail}` });
  } else {
    edits.push(...setField(base, entry.raw, login0, "login", login));
    if (password0 === undefined) {
      const at = base + login0.valueEnd;
      edits.push({ start: at, end: at, text: ` password ${password}` });
    }
  }
  if (password0 !== undefined) edits.push(...setField(base, entry.raw, password0, "password", password));
  return edits;
}

function setField(base: number, raw: string, field: NetrcEntry["fields"][number], key: string, value: string): TextEdit[] {
  if (field.value === null) return [{ start: base + field.keyStart, end: base + field.keyEnd, text: `${key} ${value}` }];
  // `user` is Python-only (curl needs `login`), and a value on the next line breaks curl on CRLF files.
  const split = field.valueStart > field.keyEnd && /\n/.test(raw.slice(field.keyEnd, field.valueStart));
  if (field.key !== key || split) return [{ start: base + field.keyStart, end: base + field.valueEnd, text: `${key} ${value}` }];
  if (field.value === value) return [];
  return [{ start: base + field.valueStart, end: base + field.valueEnd, text: value }];
}

function removalEdit(text: string, target: Located): TextEdit {
  const lineStart = lineStartOf(text, target.start);
  const endsLine = text[target.end - 1] === "\n" || target.end === text.length;
  if (/^[ \t]*$/.test(text.slice(lineStart, target.start))) {
    if (endsLine) return { start: lineStart, end: target.end, text: "" };
    return { start: target.start, end: target.end, text: "" };
  }
  let start = target.start;
  while (start > lineStart && (text[start - 1] === " " || text[start - 1] === "\t")) start--;
  const eol = target.item.raw.endsWith("\r\n") ? "\r\n" : target.item.raw.endsWith("\n") ? "\n" : "";
  return { start, end: target.end, text: eol };
}

function insertionEdit(
  text: string,
  doc: NetrcDocument,
  firstDefault: Located | undefined,
  entryText: string,
  eol: string,
): TextEdit {
  if (firstDefault !== undefined) {
    const lineStart = lineStartOf(text, firstDefault.start);
    if (/^[ \t]*$/.test(text.slice(lineStart, firstDefault.start))) {
      return { start: lineStart, end: lineStart, text: entryText };
    }
    return { start: firstDefault.start, end: firstDefault.start, text: eol + entryText };
  }
  let prefix = text.length > 0 && !text.endsWith("\n") ? eol : "";
  const last = doc.items.at(-1);
  // An open macro would swallow our entry; a blank line closes it.
  if (last?.kind === "macdef" && !last.terminated) prefix += eol;
  return { start: text.length, end: text.length, text: prefix + entryText };
}

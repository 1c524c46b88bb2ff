import type { NetrcCredentials } from "./python-netrc.js";

type CurlState = "nothing" | "macdef" | "hostfound" | "hostvalid";

/** What curl (7.8x, line-based parser) resolves for a host: credentials, nothing, or a syntax error. */
export type CurlNetrcReading = { ok: true; credentials: NetrcCredentials | null } | { ok: false; error: string };

const isBlank = (ch: string | undefined): boolean => ch === " " || ch === "\t";
const isSpace = (ch: string | undefined): boolean => ch !== undefined && " \t\n\v\f\r".includes(ch);

/** Splits a line like curl's tokenizer, including its empty token before "\n" on CRLF lines. */
function tokenizeCurlLine(line: string): string[] | null {
  const tokens: string[] = [];
  let tok = 0;
  while (tok < line.length) {
    while (isBlank(line[tok])) tok++;
    if (tok >= line.length || line[tok] === "#") break;
    if (line[tok] !== '"') {
      let end = tok;
      while (end < line.length && !isSpace(line[end])) end++;
      tokens.push(line.slice(tok, end));
      tok = end + 1;
      continue;
    }
    let value = "";
    let end = tok + 1;
    let closed = false;
    for (; end < line.length; end++) {
      let ch = line[end] ?? "";
      if (ch === "\\") {
        end++;
        const escaped = line[end];
        if (escaped === undefined) return null;
        ch = escaped === "n" ? "\n" : escaped === "r" ? "\r" : escaped === "t" ? "\t" : escaped;
      } else if (ch === '"') {
        closed = true;
        end++;
        break;
      }
      value += ch;
    }
    if (!closed) return null;
    tokens.push(value);
    // curl steps one character past the closing quote.
    tok = end + 1;
  }
  return tokens;
}

/**
 * Resolves credentials for `host` as `curl --netrc-file` (7.88) does: the first complete matching entry
 * (or `default`) wins, and an entry that does not match stops nothing.
 */
export function resolveAsCurl(text: string, host: string): CurlNetrcReading {
  let state: CurlState = "nothing";
  let found = false;
  let login: string | null = null;
  let password: string | null = null;
  let wantLogin = false;
  let wantPassword = false;
  let sawLogin = false;
  const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  lineLoop: for (const line of lines) {
    if (state === "macdef") {
      if (line.startsWith("\n") || line.startsWith("\r")) state = "nothing";
      else continue;
    }
    const tokens = tokenizeCurlLine(line);
    if (tokens === null) return { ok: false, error: "unbalanced quote or trailing backslash" };
    for (const tok of tokens) {
      // Done once both keywords got a value, even an empty one.
      if (login !== null && password !== null) break lineLoop;
      const word = tok.toLowerCase();
      if (state === "nothing") {
        if (word === "macdef") state = "macdef";
        else if (word === "machine") state = "hostfound";
        else if (word === "default") {
          state = "hostvalid";
          found = true;
        }
      } else if (state === "hostfound") {
        state = word === host.toLowerCase() ? "hostvalid" : "nothing";
        if (state === "hostvalid") found = true;
      } else if (state === "hostvalid") {
        if (wantLogin) {
          login = tok;
          sawLogin = true;
          wantLogin = false;
        } else if (wantPassword) {
          password = tok;
          wantPassword = false;
        } else if (word === "login") wantLogin = true;
        else if (word === "password") wantPassword = true;
        else if (word === "machine" || word === "default") {
          // An incomplete match is dropped and the search goes on (observed with curl 7.88).
          state = word === "machine" ? "hostfound" : "hostvalid";
          login = null;
          password = null;
        }
      }
    }
  }
  if (!found) return { ok: true, credentials: null };
  // curl fills in an empty password once a login was read for the host; with neither it sends nothing.
  if (password === null && sawLogin) password = "";
  if (login === null && password === null) return { ok: true, credentials: null };
  return { ok: true, credentials: { login: login ?? "", password: password ?? "" } };
}

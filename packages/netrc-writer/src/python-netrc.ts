/** Credentials as a netrc client resolves them for one host. */
export interface NetrcCredentials {
  login: string;
  password: string;
}

/** What Python's `netrc` module (3.11) reads from a file: hosts, or the error it raises. */
export type PythonNetrcReading =
  | { ok: true; hosts: ReadonlyMap<string, { login: string; account: string; password: string }> }
  | { ok: false; error: string };

const WHITESPACE = "\n\t\r ";

/** Character stream with Python's line counting: only `_read_char`, not `readline`, counts lines. */
class PythonLexer {
  lineno = 1;
  private pos = 0;
  private readonly pushback: string[] = [];
  constructor(private readonly text: string) {}

  readChar(): string {
    const ch = this.text[this.pos] ?? "";
    if (ch !== "") this.pos++;
    if (ch === "\n") this.lineno++;
    return ch;
  }

  readLine(): string {
    const nl = this.text.indexOf("\n", this.pos);
    const end = nl === -1 ? this.text.length : nl + 1;
    const line = this.text.slice(this.pos, end);
    this.pos = end;
    return line;
  }

  pushToken(token: string): void {
    this.pushback.push(token);
  }

  getToken(): string {
    const pushed = this.pushback.shift();
    if (pushed !== undefined) return pushed;
    let token = "";
    for (let ch = this.readChar(); ch !== ""; ch = this.readChar()) {
      if (WHITESPACE.includes(ch)) continue;
      if (ch === '"') {
        for (let q = this.readChar(); q !== ""; q = this.readChar()) {
          if (q === '"') return token;
          token += q === "\\" ? this.readChar() : q;
        }
        return token;
      }
      token += ch === "\\" ? this.readChar() : ch;
      for (let c = this.readChar(); c !== ""; c = this.readChar()) {
        if (WHITESPACE.includes(c)) return token;
        token += c === "\\" ? this.readChar() : c;
      }
      return token;
    }
    return token;
  }
}

/**
 * Reads netrc text exactly as CPython 3.11's `netrc.netrc(file)` does, quirks included
 * (e.g. a comment after a blank line is not skipped and breaks the parse).
 */
export function readNetrcAsPython(source: string): PythonNetrcReading {
  // Python opens the file in text mode: universal newlines.
  const lexer = new PythonLexer(source.replace(/\r\n?/g, "\n"));
  const hosts = new Map<string, { login: string; account: string; password: string }>();
  for (;;) {
    const savedLine = lexer.lineno;
    const top = lexer.getToken();
    if (top === "") break;
    let name: string;
    if (top.startsWith("#")) {
      if (lexer.lineno === savedLine && top.length === 1) lexer.readLine();
      continue;
    } else if (top === "machine") {
      name = lexer.getToken();
    } else if (top === "default") {
      name = "default";
    } else if (top === "macdef") {
      lexer.getToken();
      for (;;) {
        const line = lexer.readLine();
        if (line === "") return { ok: false, error: `Macro definition missing null line terminator. (line ${lexer.lineno})` };
        if (line === "\n") break;
      }
      continue;
    } else {
      return { ok: false, error: `bad toplevel token '${top}' (line ${lexer.lineno})` };
    }
    if (name === "") return { ok: false, error: `missing '${top}' name (line ${lexer.lineno})` };
    const entry = { login: "", account: "", password: "" };
    for (;;) {
      const before = lexer.lineno;
      const tt = lexer.getToken();
      if (tt.startsWith("#")) {
        if (lexer.lineno === before) lexer.readLine();
        continue;
      }
      if (tt === "" || tt === "machine" || tt === "default" || tt === "macdef") {
        lexer.pushToken(tt);
        break;
      }
      if (tt === "login" || tt === "user") entry.login = lexer.getToken();
      else if (tt === "account") entry.account = lexer.getToken();
      else if (tt === "password") entry.password = lexer.getToken();
      else return { ok: false, error: `bad follower token '${tt}' (line ${lexer.lineno})` };
    }
    hosts.set(name, entry);
  }
  return { ok: true, hosts };
}

/** Returns what Python's `netrc(...).authenticators(host)` gives, or null (also when Python cannot parse the file). */
export function resolveAsPython(reading: PythonNetrcReading, host: string): NetrcCredentials | null {
  if (!reading.ok) return null;
  const found = reading.hosts.get(host) ?? reading.hosts.get("default");
  return found === undefined ? null : { login: found.login, password: found.password };
}

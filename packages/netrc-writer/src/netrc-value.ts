import { fail, ok, type Result } from "./result.js";

/** Which part of a netrc entry a value is meant for (used in messages). */
export type NetrcValueKind = "host" | "login" | "password";

// Words that start or structure entries: curl re-synchronises on them even in value position.
const KEYWORDS = new Set(["machine", "default", "macdef", "login", "user", "password", "account"]);

/**
 * Checks that every netrc client (curl, Python, R, Go, .NET…) reads the value the same way.
 * Refuses whitespace, quotes, `#`, backslash, control or non-ASCII characters, keywords and "".
 * @example
 * validateNetrcValue("gth-abc", "password"); // { ok: true, value: "gth-abc" }
 * validateNetrcValue("a b", "login");        // NETRC_UNSAFE_VALUE naming the space
 */
export function validateNetrcValue(value: string, kind: NetrcValueKind = "password"): Result<string> {
  if (value.length === 0) {
    return fail("NETRC_UNSAFE_VALUE", `The netrc ${kind} is empty; clients read an empty value as missing.`);
  }
  let position = 0;
  for (const ch of value) {
    position++;
    const problem = describeUnsafeChar(ch);
    if (problem !== null) {
      return fail(
        "NETRC_UNSAFE_VALUE",
        `The netrc ${kind} contains ${problem} at position ${position}; netrc clients disagree on how to read it. Use a value without it.`,
      );
    }
  }
  if (KEYWORDS.has(value.toLowerCase())) {
    return fail(
      "NETRC_UNSAFE_VALUE",
      `The netrc ${kind} is the netrc keyword "${value}", which curl reads as the start of a new field. Use another value.`,
    );
  }
  return ok(value);
}

function describeUnsafeChar(ch: string): string | null {
  const code = ch.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  if (ch === " ") return "a space";
  if (ch === "\t") return "a tab";
  if (ch === "\n" || ch === "\r") return "a line break";
  if (ch === '"') return 'a double quote (")';
  if (ch === "'") return "a single quote (')";
  if (ch === "#") return "a '#' (comment marker)";
  if (ch === "\\") return "a backslash (\\)";
  if (code < 0x20 || code === 0x7f) return `a control character (${hex})`;
  if (code > 0x7e) return `the non-ASCII character "${ch}" (${hex})`;
  return null;
}

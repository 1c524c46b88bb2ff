// Server-supplied strings (token descriptions, repo and package names, error messages) reach a
// terminal through these. A raw ESC or C1 byte lets whoever wrote the string clear the screen,
// retitle the window, fake earlier output or, on some terminals, answer back into the input, so
// every control character is shown as a visible escape instead. JSON output does not go through
// here: JSON.stringify already escapes C0, and scripts must get the exact value.

/** C0 except tab and newline, DEL, C1, and the bidi overrides that reorder what is shown. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** The same plus tab and newline, for one-line values such as table cells. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { "\n": "\\n", "\t": "\\t", "\r": "\\r" };

function visible(char: string): string {
  const named = NAMED[char];
  if (named !== undefined) return named;
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/**
 * Multi-line text made safe for a terminal: keeps newlines and tabs, shows every other control
 * character as an escape (`\x1b`, `\x07`, `\x9b`, `\u202e`).
 * @example
 * safeTerminalText("ci\x1b[2J") // "ci\\x1b[2J"
 */
export function safeTerminalText(text: string): string {
  return text.replace(CONTROL_IN_TEXT, visible);
}

/**
 * One-line text (a table cell, a name) made safe for a terminal: newlines and tabs are shown as
 * `\n` and `\t` too, so a value cannot start a fake row.
 * @example
 * safeTerminalLine("a\nb") // "a\\nb"
 */
export function safeTerminalLine(text: string): string {
  return text.replace(CONTROL_IN_LINE, visible);
}

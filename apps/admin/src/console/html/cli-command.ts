import { html, type SafeHtml } from "./html.js";

// Words a POSIX shell reads as themselves: no quoting keeps the common case readable.
const BARE = /^[A-Za-z0-9_@%+=:,./-]+$/;
// Characters a shell still interprets inside double quotes (and `!` in interactive bash).
const LIVE_IN_DOUBLE_QUOTES = /["$`\\!]/;

/**
 * Quotes a value for a POSIX shell: bare when safe, in double quotes when that is enough
 * (as the CLI's own examples write ranges and reasons), else in single quotes.
 *
 * @example
 * quoteShellWord("pypi")        // "pypi"
 * quoteShellWord(">=1.2,<2")    // "\">=1.2,<2\""
 * quoteShellWord('say "$HOME"') // "'say \"$HOME\"'"
 */
export function quoteShellWord(word: string): string {
  if (BARE.test(word)) return word;
  if (!LIVE_IN_DOUBLE_QUOTES.test(word)) return `"${word}"`;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** One `--flag value` of a command; an undefined value leaves the flag out. */
export interface CliFlag {
  flag: string;
  value: string | undefined;
  /** Shown unquoted instead of an empty value, so a half-filled form still reads as a usable command. */
  placeholder?: string;
}

/**
 * Writes a `gatehouse …` command line with its flags quoted for a shell.
 * @example formatCliCommand(["delete", "blocklist-rule"], [{ flag: "id", value: "blk_1" }]) // "gatehouse delete blocklist-rule --id blk_1"
 */
export function formatCliCommand(words: readonly string[], flags: readonly CliFlag[]): string {
  const parts = ["gatehouse", ...words];
  for (const { flag, value, placeholder } of flags) {
    if (value === undefined) continue;
    parts.push(`--${flag}`, value === "" && placeholder !== undefined ? placeholder : quoteShellWord(value));
  }
  return parts.join(" ");
}

/**
 * The "same from the CLI" line shown under a form or list; views update `.cli-text` as the form changes.
 * @example renderCliCommand("gatehouse list blocklist-rules", "list")
 */
export function renderCliCommand(command: string, name: string): SafeHtml {
  return html`<p class="cli-command" data-cli="${name}"><span class="cli-label">CLI</span><code class="cli-text">${command}</code></p>`;
}

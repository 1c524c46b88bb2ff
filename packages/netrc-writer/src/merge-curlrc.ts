import { appendBlock, eolOfLine, type MergeOutput, splitLines } from "./merge-output.js";
import { ok, type Result } from "./result.js";
import { detectEol } from "./text-edit.js";

// curlrc accepts the long option with or without dashes, separated by space, "=" or ":".
const NETRC_FILE_LINE = /^\s*(?:--)?netrc-file(?:\s*[=:]\s*|\s+)(.*?)\s*$/;

/** Quotes a value for a curlrc line, where `\` and `"` are escaped inside double quotes. */
export function quoteCurlrcValue(value: string): string {
  return `"${value.replace(/[\\"]/g, (ch) => `\\${ch}`)}"`;
}

function unquoteCurlrcValue(raw: string): string {
  if (!raw.startsWith('"')) return raw;
  const inner = raw.endsWith('"') && raw.length > 1 ? raw.slice(1, -1) : raw.slice(1);
  return inner.replace(/\\(.)/g, "$1");
}

/**
 * Makes curl read the given netrc by default: one `--netrc-file "<path>"` line, other lines kept.
 * @example
 * mergeCurlrc("--silent\n", { netrcFile: "/home/ana/.netrc" }); // "--silent\n\n--netrc-file \"/home/ana/.netrc\"\n"
 */
export function mergeCurlrc(existing: string | null, options: { netrcFile: string }): Result<MergeOutput> {
  const text = existing ?? "";
  const wanted = `--netrc-file ${quoteCurlrcValue(options.netrcFile)}`;
  const lines = splitLines(text);
  const matches = lines.flatMap((line, i) => {
    const m = NETRC_FILE_LINE.exec(line.replace(/\r?\n$/, ""));
    return m === null ? [] : [{ index: i, value: unquoteCurlrcValue(m[1] ?? "") }];
  });
  const notes: string[] = [];
  const [first, ...others] = matches;
  if (first === undefined) return ok({ text: appendBlock(text, [wanted]), notes });
  if (others.length === 0 && first.value === options.netrcFile) return ok({ text, notes });
  const drop = new Set(others.map((m) => m.index));
  const eol = detectEol(text);
  const next = lines
    .map((line, i) => (i === first.index ? wanted + (eolOfLine(line) || eol) : line))
    .filter((_, i) => !drop.has(i))
    .join("");
  if (first.value !== options.netrcFile) notes.push(`.curlrc pointed curl at ${first.value}; it now reads ${options.netrcFile}.`);
  return ok({ text: next, notes });
}

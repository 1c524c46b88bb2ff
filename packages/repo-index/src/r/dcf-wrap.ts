const WIDTH = 72;
const INDENT = "        ";
const SENTENCE_END = /[.?!][)"']?$/;

/**
 * Formats one `Tag: value` field like R's `write.dcf` (via `formatDL`/`strwrap`, width 72, indent 8):
 * whitespace runs collapse to one space except a double space after a sentence end, and lines break
 * between words so that each is at most 71 characters, continuation lines indented by 8 spaces.
 * Unlike R, blank lines inside a value do not start a new paragraph (index fields never hold them), and
 * a lone "." word is never put on a line of its own, where readers take it for a blank line.
 * @example wrapDcfField("Imports", "a,\n   b") // "Imports: a, b"
 */
export function wrapDcfField(tag: string, value: string): string {
  const raw = `${tag}: ${value}`.split(/[ \t\n]/);
  const words = raw.filter((w, i) => w !== "" || (i > 0 && SENTENCE_END.test(raw[i - 1] ?? "")));
  const lines: string[] = [];
  let max = WIDTH;
  let start = 0;
  while (start < words.length) {
    let end = start;
    let length = 0;
    // A line of words start..end-1 is `length - 1` characters long; R keeps it under the width.
    while (end < words.length && length + (words[end]?.length ?? 0) + 1 <= max) {
      length += (words[end]?.length ?? 0) + 1;
      end += 1;
    }
    if (end === start) end = start + 1;
    const last = words[end - 1] === "" ? end - 1 : end;
    const line = words.slice(start, last).join(" ");
    // A continuation line holding only "." reads back as an empty line (R's read.dcf, Debian's
    // convention): such a "." stays on the line before, a little past the width.
    if (line === "." && lines.length > 0) lines[lines.length - 1] += " .";
    else lines.push(line);
    start = words[end] === "" ? end + 1 : end;
    max = WIDTH - INDENT.length;
  }
  return lines.map((line, i) => (i === 0 ? line : INDENT + line)).join("\n");
}

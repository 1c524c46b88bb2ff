import { detectEol } from "./text-edit.js";

/** New content of a config file plus plain-language notes about what could not be done. */
export interface MergeOutput {
  text: string;
  notes: string[];
}

/** Splits text into lines that keep their line endings (the last one may have none). */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Appends a block of lines, separated from existing content by one blank line. */
export function appendBlock(existing: string, blockLines: readonly string[]): string {
  const eol = detectEol(existing);
  const block = blockLines.map((line) => line + eol).join("");
  if (existing.trim() === "") return block;
  const base = existing.endsWith("\n") ? existing : existing + eol;
  return base.endsWith(`${eol}${eol}`) ? base + block : base + eol + block;
}

/** Returns the line ending of a line ("" for an unterminated last line). */
export function eolOfLine(line: string): string {
  return line.endsWith("\r\n") ? "\r\n" : line.endsWith("\n") ? "\n" : "";
}

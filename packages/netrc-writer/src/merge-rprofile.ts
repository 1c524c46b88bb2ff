import { appendBlock, type MergeOutput, splitLines } from "./merge-output.js";
import { fail, ok, type Result } from "./result.js";
import { detectEol } from "./text-edit.js";

/** First line of the block this package owns in an R profile. */
export const R_BLOCK_START = "# >>> gatehouse >>>";
/** Last line of the block this package owns in an R profile. */
export const R_BLOCK_END = "# <<< gatehouse <<<";

/** Options of `mergeRProfile`. */
export interface RProfileOptions {
  repoName: string;
  url: string;
  /** netrc that R's curl download method should read; omit for a public repository. */
  netrcFile?: string | null;
  platform?: NodeJS.Platform;
}

/** Writes an R string literal. */
export function quoteRString(value: string): string {
  return `"${value.replace(/[\\"]/g, (ch) => `\\${ch}`)}"`;
}

function quoteShellArg(value: string, platform: NodeJS.Platform): string {
  if (/^[-A-Za-z0-9_./:@%+=,~\\]+$/.test(value)) return value;
  // R hands download.file.extra to a shell: cmd.exe on Windows, sh elsewhere.
  return platform === "win32" ? `"${value}"` : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Returns the lines of the managed R profile block. */
export function renderRProfileBlock(options: RProfileOptions): string[] {
  const lines = [
    R_BLOCK_START,
    "# Managed by `gatehouse client-config`; this block is replaced when it runs again.",
    `local({ r <- getOption("repos"); r[${quoteRString(options.repoName)}] <- ${quoteRString(options.url)}; options(repos = r) })`,
  ];
  if (options.netrcFile) {
    const extra = `--netrc-file ${quoteShellArg(options.netrcFile, options.platform ?? process.platform)} --fail`;
    lines.push(`options(download.file.method = "curl", download.file.extra = ${quoteRString(extra)})`);
  }
  lines.push(R_BLOCK_END);
  return lines;
}

/**
 * Replaces (or appends) the marked gatehouse block of an R profile; everything outside the markers is kept.
 * @example
 * mergeRProfile(null, { repoName: "gatehouse", url: "http://h:4242/cran/latest", netrcFile: "/home/ana/.netrc" });
 */
export function mergeRProfile(existing: string | null, options: RProfileOptions): Result<MergeOutput> {
  const text = existing ?? "";
  const block = renderRProfileBlock(options);
  const lines = splitLines(text);
  const start = lines.findIndex((line) => line.trim() === R_BLOCK_START);
  const end = lines.findIndex((line, i) => i > start && line.trim() === R_BLOCK_END);
  if (start === -1 && lines.some((line) => line.trim() === R_BLOCK_END)) {
    return fail("CONFIG_PARSE", `The R profile has "${R_BLOCK_END}" without "${R_BLOCK_START}" before it; remove the stray marker.`);
  }
  if (start === -1) return ok({ text: appendBlock(text, block), notes: [] });
  if (end === -1) {
    return fail("CONFIG_PARSE", `The R profile has "${R_BLOCK_START}" but no "${R_BLOCK_END}" after it; fix or remove the block.`);
  }
  const eol = detectEol(text);
  const tail = end + 1 < lines.length || (lines[end] ?? "").endsWith("\n") ? eol : "";
  const replaced = block.join(eol) + tail;
  const next = [...lines.slice(0, start), replaced, ...lines.slice(end + 1)].join("");
  return ok({ text: next, notes: [] });
}

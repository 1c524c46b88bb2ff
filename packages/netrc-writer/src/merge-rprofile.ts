import { appendBlock, type MergeOutput, splitLines } from "./merge-output.js";
import { fail, ok, type Result } from "./result.js";
import { detectEol } from "./text-edit.js";

/** First line of the block this package owns in an R profile. */
export const R_BLOCK_START = "# >>> gatehouse >>>";
/** Last line of the block this package owns in an R profile. */
export const R_BLOCK_END = "# <<< gatehouse <<<";

/** How R authenticates its downloads: a netrc file, or a netrc written at start-up from an environment variable. */
export type RAuth = { kind: "netrc"; netrcFile: string } | { kind: "env"; variable: string; host: string };

/** Options of `mergeRProfile`: what this run sets; repos already in the block under other names are kept. */
export interface RProfileOptions {
  /** Entries of R's `repos` option, by name. */
  repos?: ReadonlyArray<{ name: string; url: string }>;
  /** Kept for callers of one repo: same as `repos: [{ name: repoName, url }]`. */
  repoName?: string;
  url?: string;
  /** netrc that R's curl download method should read; omit for a public repository. */
  netrcFile?: string | null;
  /** Authentication; wins over netrcFile. Left out: the block's current authentication is kept. */
  auth?: RAuth;
  /** Bioconductor: the local config.yaml (BIOCONDUCTOR_CONFIG_FILE) and the mirror (BioC_mirror). */
  bioc?: { configFile: string; mirror: string };
  platform?: NodeJS.Platform;
}

/** What the managed block holds, read back from its lines. */
interface RBlock {
  repos: Map<string, string>;
  biocConfig: string | null;
  biocMirror: string | null;
  /** The authentication line, verbatim. */
  authLine: string | null;
}

/** Writes an R string literal. */
export function quoteRString(value: string): string {
  return `"${value.replace(/[\\"]/g, (ch) => `\\${ch}`)}"`;
}

const R_STRING = String.raw`"((?:[^"\\]|\\.)*)"`;
const unquote = (raw: string) => raw.replace(/\\(.)/g, "$1");
const REPO_LINE = new RegExp(String.raw`^local\(\{ r <- getOption\("repos"\); r\[${R_STRING}\] <- ${R_STRING}; options\(repos = r\) \}\)$`);
const BIOC_CONFIG_LINE = new RegExp(String.raw`^Sys\.setenv\(BIOCONDUCTOR_CONFIG_FILE = ${R_STRING}\)$`);
const BIOC_MIRROR_LINE = new RegExp(String.raw`^options\(BioC_mirror = ${R_STRING}\)$`);
const AUTH_LINE = /^(options\(download\.file\.method = "curl"|local\(\{ t <- Sys\.getenv\()/;

function quoteShellArg(value: string, platform: NodeJS.Platform): string {
  if (/^[-A-Za-z0-9_./:@%+=,~\\]+$/.test(value)) return value;
  // R hands download.file.extra to a shell: cmd.exe on Windows, sh elsewhere.
  return platform === "win32" ? `"${value}"` : `'${value.replace(/'/g, `'\\''`)}'`;
}

function renderAuth(auth: RAuth, platform: NodeJS.Platform): string {
  if (auth.kind === "netrc") {
    const extra = `--netrc-file ${quoteShellArg(auth.netrcFile, platform)} --fail`;
    return `options(download.file.method = "curl", download.file.extra = ${quoteRString(extra)})`;
  }
  // R reads the variable at start-up and writes a private netrc for this session only: credentials reach only the host.
  const entry = `paste("machine", ${quoteRString(auth.host)}, "login __token__ password", t)`;
  return (
    `local({ t <- Sys.getenv(${quoteRString(auth.variable)}); if (nzchar(t)) { f <- file.path(tempdir(), "gatehouse.netrc"); ` +
    `writeLines(${entry}, f); Sys.chmod(f, "600"); ` +
    `options(download.file.method = "curl", download.file.extra = paste("--netrc-file", shQuote(f), "--fail")) } })`
  );
}

function readBlock(lines: readonly string[]): RBlock {
  const block: RBlock = { repos: new Map(), biocConfig: null, biocMirror: null, authLine: null };
  for (const raw of lines) {
    const line = raw.trim();
    const repo = REPO_LINE.exec(line);
    if (repo) block.repos.set(unquote(repo[1] ?? ""), unquote(repo[2] ?? ""));
    const config = BIOC_CONFIG_LINE.exec(line);
    if (config) block.biocConfig = unquote(config[1] ?? "");
    const mirror = BIOC_MIRROR_LINE.exec(line);
    if (mirror) block.biocMirror = unquote(mirror[1] ?? "");
    if (AUTH_LINE.test(line)) block.authLine = line;
  }
  return block;
}

function renderBlock(block: RBlock): string[] {
  const lines = [R_BLOCK_START, "# Managed by `gatehouse client-config`; this block is replaced when it runs again."];
  for (const [name, url] of block.repos) {
    lines.push(`local({ r <- getOption("repos"); r[${quoteRString(name)}] <- ${quoteRString(url)}; options(repos = r) })`);
  }
  if (block.biocConfig !== null) lines.push(`Sys.setenv(BIOCONDUCTOR_CONFIG_FILE = ${quoteRString(block.biocConfig)})`);
  if (block.biocMirror !== null) lines.push(`options(BioC_mirror = ${quoteRString(block.biocMirror)})`);
  if (block.authLine !== null) lines.push(block.authLine);
  lines.push(R_BLOCK_END);
  return lines;
}

function wantedRepos(options: RProfileOptions): ReadonlyArray<{ name: string; url: string }> {
  if (options.repos) return options.repos;
  return options.repoName !== undefined && options.url !== undefined ? [{ name: options.repoName, url: options.url }] : [];
}

function nextBlock(current: RBlock, options: RProfileOptions, notes: string[]): RBlock {
  const platform = options.platform ?? process.platform;
  const repos = new Map(current.repos);
  for (const { name, url } of wantedRepos(options)) repos.set(name, url);
  const auth = options.auth ?? (options.netrcFile ? { kind: "netrc" as const, netrcFile: options.netrcFile } : undefined);
  const next: RBlock = { ...current, repos, authLine: auth ? renderAuth(auth, platform) : current.authLine };
  if (options.bioc) {
    if (current.biocMirror !== null && current.biocMirror !== options.bioc.mirror) {
      notes.push(`BiocManager reads one Bioconductor mirror: the R profile now uses ${options.bioc.mirror} instead of ${current.biocMirror}.`);
    }
    next.biocConfig = options.bioc.configFile;
    next.biocMirror = options.bioc.mirror;
  }
  return next;
}

/** Returns the lines of the managed R profile block for these options alone. */
export function renderRProfileBlock(options: RProfileOptions): string[] {
  return renderBlock(nextBlock(readBlock([]), options, []));
}

/**
 * Updates the marked gatehouse block of an R profile; everything outside the markers is kept, and so are
 * repos the block already lists under other names (a `cran` repo stays when a Bioconductor one is added).
 * @example
 * mergeRProfile(null, { repos: [{ name: "cran", url: "http://h:4242/cran/latest" }], netrcFile: "/home/ana/.netrc" });
 */
export function mergeRProfile(existing: string | null, options: RProfileOptions): Result<MergeOutput> {
  const text = existing ?? "";
  const lines = splitLines(text);
  const start = lines.findIndex((line) => line.trim() === R_BLOCK_START);
  const end = lines.findIndex((line, i) => i > start && line.trim() === R_BLOCK_END);
  if (start === -1 && lines.some((line) => line.trim() === R_BLOCK_END)) {
    return fail("CONFIG_PARSE", `The R profile has "${R_BLOCK_END}" without "${R_BLOCK_START}" before it; remove the stray marker.`);
  }
  const notes: string[] = [];
  if (start === -1) return ok({ text: appendBlock(text, renderBlock(nextBlock(readBlock([]), options, notes))), notes });
  if (end === -1) {
    return fail("CONFIG_PARSE", `The R profile has "${R_BLOCK_START}" but no "${R_BLOCK_END}" after it; fix or remove the block.`);
  }
  const block = renderBlock(nextBlock(readBlock(lines.slice(start + 1, end)), options, notes));
  const eol = detectEol(text);
  const tail = end + 1 < lines.length || (lines[end] ?? "").endsWith("\n") ? eol : "";
  const replaced = block.join(eol) + tail;
  const next = [...lines.slice(0, start), replaced, ...lines.slice(end + 1)].join("");
  return ok({ text: next, notes });
}

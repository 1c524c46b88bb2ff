import ini from "ini";
import { appendBlock, eolOfLine, type MergeOutput, splitLines } from "./merge-output.js";
import { fail, ok, type Result } from "./result.js";
import { detectEol } from "./text-edit.js";

const SECTION = /^\s*\[([^\]]+)\]\s*$/;
const INDEX_URL = /^\s*index[-_]url\s*[=:]/i;

function readIndexUrls(text: string): Map<string, string> {
  const parsed = ini.parse(text) as Record<string, unknown>;
  const found = new Map<string, string>();
  for (const [section, body] of Object.entries(parsed)) {
    if (typeof body !== "object" || body === null) continue;
    for (const [key, value] of Object.entries(body)) {
      if (/^index[-_]url$/i.test(key) && typeof value === "string") found.set(section, value);
    }
  }
  return found;
}

/** What `mergePipConf` sets in `[global]`. */
export interface PipConfOptions {
  indexUrl: string;
  /** pip stops checking TLS for this host (needed for a plain-http index, as Connect's set-up writes). */
  trustedHost?: string;
  /** Seconds pip waits for the server. */
  timeout?: number;
}

function readGlobal(text: string): Record<string, unknown> {
  const global = (ini.parse(text) as Record<string, unknown>).global;
  return typeof global === "object" && global !== null ? (global as Record<string, unknown>) : {};
}

/**
 * Sets `[global] index-url` (and `trusted-host`, `timeout` when asked) in a pip.conf, keeping every other
 * line (comments included). No secret is written: pip takes the token from the netrc.
 * @example
 * mergePipConf("[global]\ntimeout = 60\n", { indexUrl: "http://127.0.0.1:4242/pypi/latest/simple/" });
 * // ok({ text: "[global]\nindex-url = http://…/simple/\ntimeout = 60\n", notes: [] })
 */
export function mergePipConf(existing: string | null, options: PipConfOptions): Result<MergeOutput> {
  let text = existing ?? "";
  const notes: string[] = [];
  for (const [section, url] of readIndexUrls(text)) {
    if (section !== "global" && url !== options.indexUrl) {
      notes.push(`pip.conf section [${section}] sets its own index-url (${url}), which wins over [global] for that command.`);
    }
  }
  const wanted: Array<[string, RegExp, string]> = [["index-url", INDEX_URL, options.indexUrl]];
  if (options.trustedHost !== undefined) wanted.push(["trusted-host", /^\s*trusted[-_]host\s*[=:]/i, options.trustedHost]);
  if (options.timeout !== undefined) wanted.push(["timeout", /^\s*timeout\s*[=:]/i, String(options.timeout)]);
  for (const [key, pattern, value] of wanted) {
    const current = readGlobal(text)[key] ?? readGlobal(text)[key.replace("-", "_")];
    if (current === value) continue;
    text = setGlobalKey(text, key, pattern, value);
    if (readGlobal(text)[key] !== value) {
      return fail("CONFIG_PARSE", `pip.conf could not be updated safely: [global] ${key} did not read back; edit it by hand.`);
    }
  }
  return ok({ text, notes });
}

function setGlobalKey(text: string, key: string, keyPattern: RegExp, value: string): string {
  const lines = splitLines(text);
  const eol = detectEol(text);
  const wanted = `${key} = ${value}`;
  const header = lines.findIndex((line) => SECTION.exec(line)?.[1]?.trim() === "global");
  if (header === -1) return appendBlock(text, ["[global]", wanted]);
  let end = lines.findIndex((line, i) => i > header && SECTION.test(line));
  if (end === -1) end = lines.length;
  const keyLine = lines.findIndex((line, i) => i > header && i < end && keyPattern.test(line));
  if (keyLine === -1) {
    const headerLine = lines[header] ?? "";
    const fixed = eolOfLine(headerLine) === "" ? headerLine + eol : headerLine;
    return [...lines.slice(0, header), fixed, wanted + eol, ...lines.slice(header + 1)].join("");
  }
  // configparser continues a value on following indented lines; they belong to the old value.
  let after = keyLine + 1;
  while (after < end && /^[ \t]+\S/.test(lines[after] ?? "")) after++;
  const old = lines.slice(keyLine, after).join("");
  const replacement = wanted + (eolOfLine(old) || (after < lines.length ? eol : ""));
  if (old === replacement) return text;
  return [...lines.slice(0, keyLine), replacement, ...lines.slice(after)].join("");
}

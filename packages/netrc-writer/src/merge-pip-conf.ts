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

/**
 * Sets `[global] index-url` in a pip.conf, keeping every other line (comments included). No secret is written:
 * pip takes the token from the netrc.
 * @example
 * mergePipConf("[global]\ntimeout = 60\n", { indexUrl: "http://127.0.0.1:4242/pypi/latest/simple/" });
 * // ok({ text: "[global]\nindex-url = http://…/simple/\ntimeout = 60\n", notes: [] })
 */
export function mergePipConf(existing: string | null, options: { indexUrl: string }): Result<MergeOutput> {
  const text = existing ?? "";
  const notes: string[] = [];
  for (const [section, url] of readIndexUrls(text)) {
    if (section !== "global" && url !== options.indexUrl) {
      notes.push(`pip.conf section [${section}] sets its own index-url (${url}), which wins over [global] for that command.`);
    }
  }
  if (readIndexUrls(text).get("global") === options.indexUrl) return ok({ text, notes });
  const next = setGlobalIndexUrl(text, options.indexUrl);
  if (readIndexUrls(next).get("global") !== options.indexUrl) {
    return fail("CONFIG_PARSE", "pip.conf could not be updated safely: [global] index-url did not read back; edit it by hand.");
  }
  return ok({ text: next, notes });
}

function setGlobalIndexUrl(text: string, url: string): string {
  const lines = splitLines(text);
  const eol = detectEol(text);
  const wanted = `index-url = ${url}`;
  const header = lines.findIndex((line) => SECTION.exec(line)?.[1]?.trim() === "global");
  if (header === -1) return appendBlock(text, ["[global]", wanted]);
  let end = lines.findIndex((line, i) => i > header && SECTION.test(line));
  if (end === -1) end = lines.length;
  const keyLine = lines.findIndex((line, i) => i > header && i < end && INDEX_URL.test(line));
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

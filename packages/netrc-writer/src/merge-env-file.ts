import { appendBlock, eolOfLine, type MergeOutput, splitLines } from "./merge-output.js";
import { fail, ok, type Result } from "./result.js";
import { detectEol } from "./text-edit.js";

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

function quoteEnvValue(value: string): string {
  if (/^[A-Za-z0-9_./:@%+,=-]*$/.test(value)) return value;
  return `"${value.replace(/[\\"$`]/g, (ch) => `\\${ch}`)}"`;
}

function unquoteEnvValue(raw: string): string {
  const trimmed = raw.trim();
  if (trimmed.length >= 2 && (trimmed[0] === '"' || trimmed[0] === "'") && trimmed.endsWith(trimmed[0])) {
    return trimmed.slice(1, -1).replace(/\\(.)/g, "$1");
  }
  return trimmed;
}

/**
 * Sets `KEY=VALUE` lines in an environment file (systemd EnvironmentFile / shell style), keeping other lines.
 * The first line of a key is updated in place (keeping an `export ` prefix); later duplicates are removed.
 * @example
 * mergeEnvFile("LANG=C\n", { NETRC: "/etc/netrc" }); // ok({ text: "LANG=C\n\nNETRC=/etc/netrc\n", notes: [] })
 */
export function mergeEnvFile(existing: string | null, values: Readonly<Record<string, string>>): Result<MergeOutput> {
  let text = existing ?? "";
  const missing: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (!KEY.test(key)) return fail("CONFIG_UNSUPPORTED", `"${key}" is not a valid environment variable name.`);
    const pattern = new RegExp(`^(\\s*(?:export\\s+)?)${key}\\s*=(.*?)\\r?\\n?$`);
    const lines = splitLines(text);
    const hits = lines.flatMap((line, i) => {
      const m = pattern.exec(line);
      return m === null ? [] : [{ i, prefix: m[1] ?? "", value: unquoteEnvValue(m[2] ?? "") }];
    });
    const [first, ...dups] = hits;
    if (first === undefined) {
      missing.push(`${key}=${quoteEnvValue(value)}`);
      continue;
    }
    if (first.value === value && dups.length === 0) continue;
    const drop = new Set(dups.map((d) => d.i));
    const eol = detectEol(text);
    text = lines
      .map((line, i) => (i === first.i ? `${first.prefix}${key}=${quoteEnvValue(value)}${eolOfLine(line) || eol}` : line))
      .filter((_, i) => !drop.has(i))
      .join("");
  }
  if (missing.length > 0) text = appendBlock(text, missing);
  return ok({ text, notes: [] });
}

import { parse } from "smol-toml";
import { appendBlock, type MergeOutput, splitLines } from "./merge-output.js";
import { fail, ok, type Result } from "./result.js";
import { detectEol } from "./text-edit.js";

const INDEX_HEADER = /^\s*\[\[\s*index\s*\]\]\s*(#.*)?$/;
const ANY_HEADER = /^\s*\[/;

interface IndexBlock {
  start: number;
  /** Exclusive; trailing blank and comment lines stay outside the block. */
  end: number;
  name: unknown;
  url: unknown;
  isDefault: boolean;
}

function parseToml(text: string, what: string): Result<Record<string, unknown>> {
  try {
    return ok(parse(text) as Record<string, unknown>);
  } catch (error) {
    return fail("CONFIG_PARSE", `${what} is not valid TOML (${(error as Error).message.split("\n")[0]}); fix it first.`);
  }
}

function findIndexBlocks(lines: readonly string[]): IndexBlock[] {
  const blocks: IndexBlock[] = [];
  lines.forEach((line, start) => {
    if (!INDEX_HEADER.test(line.trimEnd())) return;
    let end = lines.findIndex((l, i) => i > start && ANY_HEADER.test(l));
    if (end === -1) end = lines.length;
    while (end > start + 1 && /^\s*(#.*)?$/.test(lines[end - 1] ?? "")) end--;
    const parsed = parseToml(lines.slice(start, end).join(""), "uv.toml");
    const entry = parsed.ok ? ((parsed.value["index"] as Record<string, unknown>[] | undefined)?.[0] ?? {}) : {};
    blocks.push({ start, end, name: entry["name"], url: entry["url"], isDefault: entry["default"] === true });
  });
  return blocks;
}

/**
 * Adds (or updates in place) a named `[[index]]` marked `default = true` in uv.toml. No secret is written:
 * uv reads the netrc, or `UV_INDEX_<NAME>_PASSWORD`.
 * @example
 * mergeUvToml(null, { name: "gatehouse", url: "http://127.0.0.1:4242/pypi/latest/simple/" });
 */
export function mergeUvToml(existing: string | null, options: { name: string; url: string }): Result<MergeOutput> {
  const text = existing ?? "";
  const parsed = parseToml(text, "uv.toml");
  if (!parsed.ok) return parsed;
  const lines = splitLines(text);
  const blocks = findIndexBlocks(lines);
  if (parsed.value["index"] !== undefined && blocks.length === 0) {
    return fail("CONFIG_UNSUPPORTED", "uv.toml defines `index` inline; rewrite it as [[index]] tables so it can be merged.");
  }
  const notes: string[] = [];
  for (const other of blocks) {
    if (other.isDefault && other.name !== options.name) {
      notes.push(`uv.toml also marks index "${String(other.name)}" as default; uv uses a single default index, so remove one.`);
    }
  }
  if (parsed.value["index-url"] !== undefined) {
    notes.push("uv.toml also sets the older `index-url`; remove it so uv uses the [[index]] entry.");
  }
  const eol = detectEol(text);
  const block = ["[[index]]", `name = ${JSON.stringify(options.name)}`, `url = ${JSON.stringify(options.url)}`, "default = true"];
  const ours = blocks.find((b) => b.name === options.name);
  let next: string;
  if (ours === undefined) next = appendBlock(text, block);
  else if (ours.url === options.url && ours.isDefault) next = text;
  else {
    const tail = ours.end < lines.length || (lines.at(-1) ?? "").endsWith("\n") ? eol : "";
    const replaced = block.join(eol) + tail;
    next = [...lines.slice(0, ours.start), replaced, ...lines.slice(ours.end)].join("");
  }
  const check = parseToml(next, "The merged uv.toml");
  if (!check.ok) return check;
  return ok({ text: next, notes });
}

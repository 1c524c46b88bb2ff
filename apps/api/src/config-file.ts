import { readFileSync } from "node:fs";
import { didYouMean } from "@gatehouse/scope-engine";
import { TomlDate, TomlError, parse } from "smol-toml";
import { ConfigError } from "./config-error.js";
import { CONFIG_KEYS, type ConfigKey, type ConfigKeyType } from "./config-keys.js";

/** A config file's settings as the environment variables they stand for, and where each came from. */
export interface ConfigFileSettings {
  /** Variable → value as text (what the environment would hold). */
  values: Record<string, string>;
  /** Variable → the key and file it came from, to name in a message. */
  origins: Record<string, { key: string; file: string }>;
}

const KEYS = new Map(CONFIG_KEYS.map((k) => [k.key, k]));

function typeOf(value: unknown): string {
  if (value instanceof TomlDate) return "a date";
  if (Array.isArray(value)) return "an array";
  if (value !== null && typeof value === "object") return "a table";
  if (typeof value === "number" || typeof value === "bigint") return Number.isInteger(Number(value)) ? "an integer" : "a float";
  return `a ${typeof value}`;
}

function textOf(value: unknown, type: ConfigKeyType): string | null {
  if (type === "string") return typeof value === "string" ? value : null;
  if (type === "boolean") return typeof value === "boolean" ? String(value) : null;
  return (typeof value === "number" && Number.isSafeInteger(value)) || typeof value === "bigint" ? String(value) : null;
}

/** The hint for an unknown key: a near spelling, or the same name in the section it belongs to. */
function hintFor(key: string): string {
  const near = didYouMean(key, KEYS.keys());
  if (near) return near;
  const leaf = key.split(".").at(-1) ?? key;
  const moved = CONFIG_KEYS.find((k) => k.key.split(".").at(-1) === leaf);
  return moved ? ` (did you mean '${moved.key}'?)` : "";
}

function flatten(table: Record<string, unknown>, prefix: string, out: [string, unknown][]): void {
  for (const [name, value] of Object.entries(table)) {
    const key = prefix ? `${prefix}.${name}` : name;
    const isSection = value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof TomlDate);
    if (isSection && !KEYS.has(key)) flatten(value as Record<string, unknown>, key, out);
    else out.push([key, value]);
  }
}

function expectedType(k: ConfigKey): string {
  return k.type === "integer" ? "an integer" : `a ${k.type}`;
}

/**
 * Reads a TOML config file into the environment variables its keys stand for. Every problem is
 * a ConfigError naming the file and the key: an unknown key (with a did-you-mean), a value
 * of the wrong TOML type, or a file that is not TOML.
 *
 * @example
 * const { values } = parseConfigFile('port = 8080\n[storage]\nlocation = "s3://pkgs/gh"', "gatehouse.toml");
 * // values: { GATEHOUSE_PORT: "8080", GATEHOUSE_STORAGE: "s3://pkgs/gh" }
 */
export function parseConfigFile(text: string, fileName: string): ConfigFileSettings {
  let table: Record<string, unknown>;
  try {
    table = parse(text) as Record<string, unknown>;
  } catch (err) {
    const where = err instanceof TomlError ? ` at line ${err.line}, column ${err.column}` : "";
    const first = err instanceof Error ? (err.message.split("\n")[0] ?? "") : String(err);
    throw new ConfigError(`${fileName} is not valid TOML${where}: ${first}`);
  }
  const entries: [string, unknown][] = [];
  flatten(table, "", entries);
  const values: Record<string, string> = {};
  const origins: ConfigFileSettings["origins"] = {};
  for (const [key, value] of entries) {
    const known = KEYS.get(key);
    if (!known) throw new ConfigError(`${fileName}: unknown key '${key}'${hintFor(key)}; the keys are listed in the README's Configuration section`);
    const text = textOf(value, known.type);
    if (text === null) throw new ConfigError(`${fileName}: '${key}' must be ${expectedType(known)}, not ${typeOf(value)}`);
    values[known.env] = text;
    origins[known.env] = { key, file: fileName };
  }
  return { values, origins };
}

/**
 * Reads and parses a config file (see parseConfigFile).
 *
 * @example
 * const settings = readConfigFile("gatehouse.toml");
 */
export function readConfigFile(path: string): ConfigFileSettings {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : (code ?? String(err));
    throw new ConfigError(`cannot read the config file ${path}: ${why} (pass --config with the path of a TOML file)`);
  }
  return parseConfigFile(text, path);
}

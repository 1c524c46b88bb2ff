import type { CondaFormat } from "./conda-filename.js";
import type { CondaRecord } from "./conda-record.js";
import { compareCodeUnits, sortKeys } from "./sort-keys.js";

/** Everything repodata.json for one subdir is rendered from. */
export interface RepodataInput {
  subdir: string;
  records: readonly { filename: string; format: CondaFormat; record: CondaRecord }[];
  /** CEP 15: where clients download files from, when not next to repodata.json. */
  baseUrl?: string;
}

/** JSON of `value` with its top-level keys sorted, so output does not depend on index.json's order. */
export function stringifySortedKeys(value: Record<string, unknown>): string {
  // Records from toCondaRecord are already sorted, which skips the copy on the hot path.
  return JSON.stringify(sortKeys(value));
}

type RepodataEntry = RepodataInput["records"][number];

/** One record's line in a `packages` section, without separators: `"<filename>":{…}`. */
export function repodataRecordLine(filename: string, record: object): string {
  return `${JSON.stringify(filename)}:${stringifySortedKeys(record as Record<string, unknown>)}`;
}

/**
 * The fixed text around repodata.json's two sections (`packages`, then `packages.conda`). Inside a
 * section the first record is preceded by "\n", the others by ",\n", and a non-empty section ends with "\n":
 * incremental renderers assemble the same bytes from pre-rendered record lines.
 */
export function repodataFrame(subdir: string, baseUrl?: string): { head: string; between: string; tail: string } {
  const info = baseUrl === undefined ? { subdir } : { base_url: baseUrl, subdir };
  return {
    head: `{"info":${JSON.stringify(info)},\n"packages":{`,
    between: '},\n"packages.conda":{',
    tail: `},\n"removed":[],\n"repodata_version":${baseUrl === undefined ? 1 : 2}}\n`,
  };
}

function pushSection(parts: string[], entries: RepodataEntry[]): void {
  entries.sort((x, y) => compareCodeUnits(x.filename, y.filename));
  let previous: string | undefined;
  for (const { filename, record } of entries) {
    // The first record given for a filename wins, as the first subscribed source wins in a repo.
    if (filename === previous) continue;
    parts.push(previous === undefined ? "\n" : ",\n", repodataRecordLine(filename, record));
    previous = filename;
  }
  if (previous !== undefined) parts.push("\n");
}

/**
 * Renders repodata.json for one subdir: `packages` (.tar.bz2) and `packages.conda`, keys sorted.
 * One record per line; each record is stringified once and the document joined once, so 100,000
 * records render in about half a second. With `baseUrl`, `repodata_version` is 2 as CEP 15 requires.
 * @example renderRepodata({ subdir: "noarch", records: [{ filename, format: "conda", record }] })
 */
export function renderRepodata(input: RepodataInput): string {
  const bz2: RepodataEntry[] = [];
  const conda: RepodataEntry[] = [];
  for (const entry of input.records) (entry.format === "conda" ? conda : bz2).push(entry);
  const frame = repodataFrame(input.subdir, input.baseUrl);
  const parts: string[] = [frame.head];
  pushSection(parts, bz2);
  parts.push(frame.between);
  pushSection(parts, conda);
  parts.push(frame.tail);
  return parts.join("");
}

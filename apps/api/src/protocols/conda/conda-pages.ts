import type { PackageFileRow, RepoReader } from "@gatehouse/domain";
import { type ChanneldataPackage, type CondaFormat, type CondaRecord, renderChanneldata, renderRepodata } from "@gatehouse/repo-index";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { type CachedPage, makePage } from "../cached-page.js";

/** A conda file's repodata record, as the inspector stored it. */
export interface RecordEntry {
  filename: string;
  format: CondaFormat;
  record: CondaRecord;
}

const gzipAsync = promisify(gzip);

/**
 * Wraps a rendered document as a page with its gzip copy made now, on the thread
 * pool: a 100,000-record repodata.json takes seconds to compress, which would
 * otherwise block every other request when the first client asks for gzip.
 */
export async function makeChannelPage(body: string): Promise<CachedPage> {
  const page = makePage(body, "application/json");
  if (page.body.length > 1024) page.gzip = await gzipAsync(page.body, { level: 6 });
  return page;
}

function isRecord(value: unknown): value is CondaRecord {
  return typeof value === "object" && value !== null && typeof (value as { name?: unknown }).name === "string";
}

/** The repodata entry the inspector stored for a file (rows without one are not conda packages). */
export function toEntry(row: PackageFileRow): RecordEntry | undefined {
  const { record, format } = row.metadata as { record?: unknown; format?: unknown };
  if (!isRecord(record)) return undefined;
  const fmt: CondaFormat = format === "conda" || format === "tar.bz2" ? format : row.filename.endsWith(".conda") ? "conda" : "tar.bz2";
  return { filename: row.filename, format: fmt, record };
}


/**
 * Renders `<subdir>/repodata.json` of one label at one snapshot; a subdir
 * without files still gets a valid, empty document (conda asks for noarch and
 * its platform on every solve).
 */
export async function renderRepodataPage(reader: RepoReader, at: Date | null, label: string, subdir: string): Promise<CachedPage> {
  const rows = await reader.files(at, { label, subdir });
  const records: RecordEntry[] = [];
  for (const row of rows) {
    const entry = toEntry(row);
    if (entry) records.push(entry);
  }
  return makeChannelPage(renderRepodata({ subdir, records }));
}

/** Renders channeldata.json of one label at one snapshot: newest version per package, subdirs (noarch always). */
export async function renderChanneldataPage(reader: RepoReader, at: Date | null, label: string): Promise<CachedPage> {
  const rows = await reader.files(at, { label });
  const packages: ChanneldataPackage[] = [];
  const subdirs = new Set(["noarch"]);
  for (const row of rows) {
    const entry = toEntry(row);
    if (!entry) continue;
    subdirs.add(entry.record.subdir);
    const about = (row.metadata as { about?: unknown }).about;
    packages.push({
      name: entry.record.name,
      version: entry.record.version,
      subdir: entry.record.subdir,
      ...(typeof about === "object" && about !== null ? { about: about as Record<string, unknown> } : {}),
      ...(entry.record.timestamp === undefined ? {} : { timestamp: entry.record.timestamp }),
    });
  }
  return makeChannelPage(renderChanneldata({ subdirs: [...subdirs], packages }));
}

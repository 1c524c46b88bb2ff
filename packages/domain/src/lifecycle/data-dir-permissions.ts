import { type Dirent, chmodSync, lstatSync, mkdirSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";

/** Group and other permission bits: anything under the data folder is for its owner alone. */
const GROUP_OTHER = 0o077;

/** One entry under the data folder that others could read, write or enter. */
export interface LooseEntry {
  path: string;
  /** Permission bits found (e.g. 0o777). */
  mode: number;
  /** Whether it is owner-only now; false: chmod was refused (another owner), with the reason. */
  fixed: boolean;
  reason?: string;
}

/** What a check of a data folder found. */
export interface DataDirPermissions {
  dataDir: string;
  /** Whether the folder was created by this check (so nothing in it can be loose yet). */
  created: boolean;
  loose: LooseEntry[];
}

/**
 * What Gatehouse keeps at the top of a data folder. Only these are walked and changed: a data
 * folder pointed at a home or a shared folder by mistake must not have the user's other files
 * chmodded. Something new kept here belongs in this list.
 */
const GATEHOUSE_ENTRY = /^(?:pgdata(?:\.init-\d+)?|files|staging|db\.lock|gatehouse\.sock|server\.json(?:\..*)?)$/;

/**
 * Folders whose contents are not walked: the blob store's shards hold one file per stored
 * package file (could be millions, walked at every CLI start); the store itself makes them
 * 0700/0600, and the shard folders' own modes are still checked one level up.
 */
const NOT_WALKED = new Set([join("files", "blobs")]);

// Synchronous on purpose: a thousand lstat calls take a few milliseconds this way and tens through
// the thread pool, and every CLI command in local mode pays this at start.
function walk(dataDir: string, dir: string, found: LooseEntry[], top = false): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    // Gone meanwhile, or unreadable to us: nothing to fix here from this process.
    if ((err as NodeJS.ErrnoException).code === "ENOENT" || (err as NodeJS.ErrnoException).code === "EACCES") return;
    throw err;
  }
  for (const entry of entries) {
    // A symlink's own mode means nothing, and chmod would follow it out of the data folder.
    if (entry.isSymbolicLink() || (top && !GATEHOUSE_ENTRY.test(entry.name))) continue;
    const path = join(dir, entry.name);
    tighten(path, found);
    if (entry.isDirectory() && !NOT_WALKED.has(relative(dataDir, path))) walk(dataDir, path, found);
  }
}

function tighten(path: string, found: LooseEntry[], shared = false): void {
  let mode: number;
  try {
    mode = lstatSync(path).mode & 0o7777;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
    throw err;
  }
  if ((mode & GROUP_OTHER) === 0) return;
  // A sticky folder is shared by design (/tmp): closing it would break everyone else's use of it.
  if (shared && mode & 0o1000) {
    found.push({ path, mode, fixed: false, reason: "a shared folder (sticky bit): give Gatehouse a folder of its own" });
    return;
  }
  try {
    chmodSync(path, mode & ~GROUP_OTHER);
    found.push({ path, mode, fixed: true });
  } catch (err) {
    found.push({ path, mode, fixed: false, reason: (err as NodeJS.ErrnoException).code ?? String(err) });
  }
}

/**
 * Makes a data folder owner-only: creates it 0700 when missing, and removes the group and other
 * bits of the folder and of everything Gatehouse keeps in it (files become 0600, folders 0700),
 * never following symlinks and leaving other files alone. Returns what it found loose, for the caller to warn about. A no-op on
 * Windows, whose permissions are not mode bits.
 * @example
 * const report = await secureDataDir(".gatehouse");
 * if (report.loose.length) logger.warn(describeLooseEntries(report));
 */
export async function secureDataDir(dataDir: string): Promise<DataDirPermissions> {
  if (process.platform === "win32") return { dataDir, created: false, loose: [] };
  const created = mkdirSync(dataDir, { recursive: true, mode: 0o700 }) !== undefined;
  const loose: LooseEntry[] = [];
  tighten(dataDir, loose, true);
  walk(dataDir, dataDir, loose, true);
  return { dataDir, created, loose };
}

/**
 * Removes the group and other bits of a folder Gatehouse made and of everything in it (e.g. the
 * embedded database after initdb), never following symlinks. Returns what was open.
 * @example
 * await makeTreeOwnerOnly(join(dataDir, "pgdata"));
 */
export async function makeTreeOwnerOnly(dir: string): Promise<LooseEntry[]> {
  if (process.platform === "win32") return [];
  const loose: LooseEntry[] = [];
  tighten(dir, loose);
  walk(dir, dir, loose);
  return loose;
}

const SHOWN = 5;

/**
 * One warning naming what was loose: the paths (the first few), their modes, and what could not
 * be fixed with the command that would.
 * @example
 * describeLooseEntries(report) // "data folder /srv/gh was readable or writable by others: /srv/gh (0777) …; made owner-only"
 */
export function describeLooseEntries(report: DataDirPermissions): string {
  const octal = (mode: number) => `0${mode.toString(8)}`;
  const fixed = report.loose.filter((e) => e.fixed);
  const failed = report.loose.filter((e) => !e.fixed);
  const list = (entries: LooseEntry[]) =>
    entries
      .slice(0, SHOWN)
      .map((e) => `${e.path} (${octal(e.mode)})`)
      .join(", ") + (entries.length > SHOWN ? ` and ${entries.length - SHOWN} more` : "");
  const parts: string[] = [];
  if (fixed.length) parts.push(`${fixed.length} ${fixed.length === 1 ? "entry was" : "entries were"} open to other users and ${fixed.length === 1 ? "is" : "are"} now owner-only: ${list(fixed)}`);
  if (failed.length) {
    const denied = failed.some((e) => e.reason === "EPERM" || e.reason === "EACCES");
    const shown = failed.slice(0, SHOWN).map((e) => `${e.path} (${octal(e.mode)}: ${e.reason})`);
    const more = failed.length > SHOWN ? ` and ${failed.length - SHOWN} more` : "";
    parts.push(`${failed.length} could not be made owner-only: ${shown.join(", ")}${more}${denied ? `; as their owner run: chmod -R go-rwx ${report.dataDir}` : ""}`);
  }
  return `data folder ${report.dataDir}: ${parts.join("; ")}`;
}

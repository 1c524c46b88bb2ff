import { randomBytes } from "node:crypto";
import type { Stats } from "node:fs";
import { mkdir, open, realpath, rename, rm, stat } from "node:fs/promises";
import path from "node:path";

/** How `writeFileAtomic` sets permissions. */
export interface WriteFileAtomicOptions {
  /** Mode of the written file (e.g. 0o600), applied regardless of the umask. */
  mode: number;
  /** Keep an existing file's mode instead of `mode` (for files that hold no secret). */
  keepExistingMode?: boolean;
}

async function statOrNull(file: string): Promise<Stats | null> {
  try {
    return await stat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

async function resolveTarget(file: string): Promise<string> {
  try {
    // Follow a symlinked dotfile so the link (e.g. from a dotfiles manager) survives.
    return await realpath(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return file;
    throw error;
  }
}

/**
 * Replaces a file atomically: writes a temp file in the same folder, fsyncs it, then renames it over
 * the target. Readers see the old or the new content, never a mix; on failure the temp file is removed.
 * When running as root, an existing file keeps its owner.
 * @example
 * await writeFileAtomic("/home/ana/.netrc", text, { mode: 0o600 });
 */
export async function writeFileAtomic(file: string, content: string, options: WriteFileAtomicOptions): Promise<void> {
  const target = await resolveTarget(file);
  const dir = path.dirname(target);
  await mkdir(dir, { recursive: true });
  const existing = await statOrNull(target);
  const mode = options.keepExistingMode && existing?.isFile() ? existing.mode & 0o7777 : options.mode;
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  // Created private so a secret is never readable by others, even for a moment.
  const handle = await open(temp, "wx", 0o600);
  try {
    try {
      await handle.writeFile(content, "utf8");
      await handle.chmod(mode);
      if (existing !== null && process.getuid?.() === 0) await handle.chown(existing.uid, existing.gid);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}

async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms (Windows) cannot fsync a directory; the rename is still atomic there.
  }
}

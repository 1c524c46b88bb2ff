import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { DomainError } from "../errors/index.js";

/** Who holds an embedded database, as written in its lock file. */
export interface LockHolder {
  pid: number;
  role: string;
  since: string;
  /** Where the holder can be reached (a running server's local admin socket and URL). */
  socket?: string;
  url?: string;
}

/** A held lock on a data folder; release it when the database is closed. */
export interface DataDirLock {
  path: string;
  update(extra: Partial<LockHolder>): void;
  release(): void;
}

/** Path of the lock file guarding a data folder's embedded database. */
export function lockPathOf(dataDir: string): string {
  return join(dataDir, "db.lock");
}

/** Reads the live holder of a data folder, or null when it is free (stale locks count as free). */
export function readLockHolder(dataDir: string): LockHolder | null {
  try {
    const holder = JSON.parse(readFileSync(lockPathOf(dataDir), "utf8")) as LockHolder;
    return isProcessAlive(holder.pid) ? holder : null;
  } catch {
    return null;
  }
}

/** Whether a process id is alive on this host (EPERM: alive, owned by another user). */
export function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes the data folder for this process. PGlite has no lock of its own, and two
 * processes writing one folder corrupt it, so a second opener is refused with
 * a message saying who holds it.
 */
export function acquireDataDirLock(dataDir: string, role: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = lockPathOf(dataDir);
  let holder: LockHolder = { pid: process.pid, role, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx", 0o600);
      writeSync(fd, JSON.stringify(holder));
      closeSync(fd);
      return {
        path,
        update(extra) {
          holder = { ...holder, ...extra };
          rmSync(path, { force: true });
          const f = openSync(path, "wx", 0o600);
          writeSync(f, JSON.stringify(holder));
          closeSync(f);
        },
        release() {
          rmSync(path, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const live = readLockHolder(dataDir);
      if (live) {
        const where = live.url ? ` at ${live.url}` : "";
        throw new DomainError(
          "DATABASE_IN_USE",
          `the database in ${dataDir} is in use by ${live.role} (pid ${live.pid})${where}; ` +
            "stop it first, or use its API with --address and GATEHOUSE_TOKEN",
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new DomainError("DATABASE_IN_USE", `could not lock ${dataDir}; remove ${path} if no Gatehouse process runs`);
}

import { mkdir, realpath } from "node:fs/promises";
import path from "node:path";
import { lock } from "proper-lockfile";

/** How long `withFileLocks` waits for another writer, and when a holder's lock counts as abandoned. */
export interface FileLockOptions {
  /** Give up after about this long (default 20 s): another client-config is stuck, not just busy. */
  waitMs?: number;
  /** A lock not refreshed for this long is stale (its holder died); default 10 s, proper-lockfile's minimum is 2 s. */
  staleMs?: number;
}

/** Thrown when another writer holds a file for longer than `waitMs`; `file` names it. */
export class FileLockTimeoutError extends Error {
  readonly code = "FILE_LOCKED";
  constructor(readonly file: string) {
    super(`${file} is locked by another program writing it (lock folder ${file}.lock); try again, or remove the lock folder if no such program runs`);
  }
}

async function resolveTarget(file: string): Promise<string> {
  try {
    // Lock the file the write lands in: writeFileAtomic follows a symlinked dotfile too.
    return await realpath(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return path.resolve(file);
    throw error;
  }
}

/**
 * Runs `fn` holding an exclusive lock on each file (a `<file>.lock` folder, made atomically by mkdir;
 * a holder that died is detected by its lock going stale). Files are locked in sorted order so two
 * callers locking overlapping sets never deadlock. Every lock is released when `fn` settles.
 * @example
 * await withFileLocks([netrc], async () => writeFileAtomic(netrc, edit(readFileOrNull(netrc)), { mode: 0o600 }));
 */
export async function withFileLocks<T>(files: readonly string[], fn: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const targets = [...new Set(await Promise.all(files.map(resolveTarget)))].sort();
  const stale = Math.max(2000, options.staleMs ?? 10_000);
  const waitMs = options.waitMs ?? 20_000;
  const releases: Array<() => Promise<void>> = [];
  let compromised: Error | null = null;
  try {
    for (const target of targets) {
      await mkdir(path.dirname(target), { recursive: true });
      try {
        releases.push(
          await lock(target, {
            realpath: false,
            stale,
            // Exponential back-off capped at 200 ms, randomised so waiting writers do not retry in step.
            retries: { retries: Math.ceil(waitMs / 150), factor: 1.3, minTimeout: 10, maxTimeout: 200, randomize: true },
            onCompromised: (error) => {
              compromised = error;
            },
          }),
        );
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ELOCKED") throw new FileLockTimeoutError(target);
        throw error;
      }
    }
    const result = await fn();
    // A lock taken over as stale while fn ran means another writer may have interleaved: say so.
    if (compromised !== null) throw compromised;
    return result;
  } finally {
    for (const release of releases.reverse()) await release().catch(() => undefined);
  }
}

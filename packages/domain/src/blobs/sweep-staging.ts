import { readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { type StagingOwner, THIS_PROCESS, isOwnerDead, stagingOwnerOf } from "./staging-name.js";

/** When a staged file is left behind and may go. */
export interface StagingSweepPolicy {
  /**
   * Files untouched this long go whoever staged them (an owner on another host, or a name without
   * owner); files of a dead process on this host go at once. Staging writes as it receives, so a
   * live upload keeps its file young.
   */
  staleAfterMs: number;
  /** Count, remove nothing. */
  dryRun: boolean;
  now: Date;
}

/** What a sweep removed (or would remove). */
export interface StagingSweepResult {
  files: number;
  bytes: number;
}

/**
 * Removes leftovers of uploads that will never finish from a staging folder (`*.part` files only:
 * anything else there is not ours to judge). Even a live process's file goes once past the bound:
 * a process that lost track of a file must not keep it for ever either.
 *
 * @example
 * await sweepStaging(".gatehouse/files/tmp", { staleAfterMs: 6 * 3600_000, dryRun: false, now: new Date() });
 */
export async function sweepStaging(dir: string, policy: StagingSweepPolicy, self: StagingOwner = THIS_PROCESS): Promise<StagingSweepResult> {
  const result: StagingSweepResult = { files: 0, bytes: 0 };
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return result;
    throw err;
  }
  for (const name of names) {
    if (!name.endsWith(".part")) continue;
    const path = join(dir, name);
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) continue;
    const owner = stagingOwnerOf(name);
    const idleMs = policy.now.getTime() - info.mtimeMs;
    if (!(owner && isOwnerDead(owner, self)) && idleMs < policy.staleAfterMs) continue;
    if (!policy.dryRun) await rm(path, { force: true });
    result.files++;
    result.bytes += info.size;
  }
  return result;
}

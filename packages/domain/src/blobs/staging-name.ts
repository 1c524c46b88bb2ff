import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

/**
 * Who staged a file, read back from its name. Staging files are named
 * `stage~<host>~<pid>~<instance>~<ms>~<random>.part`, so a sweep can tell a file of a process
 * that died (kill -9, power loss) from one a live upload is still writing — on this host by its
 * pid and per-process instance id, on another host sharing the folder only by its age.
 */
export interface StagingOwner {
  host: string;
  pid: number;
  /** Random per process: a pid reused after a restart (pid 1 in a container) is a different owner. */
  instance: string;
}

const PREFIX = "stage";
const SUFFIX = ".part";
const NAME = /^stage~([A-Za-z0-9.-]{1,64})~(\d{1,10})~([0-9a-f]{8})~\d{1,15}~[0-9a-f]{16}\.part$/;

function safeHost(name: string): string {
  return name.replace(/[^A-Za-z0-9.-]/g, "-").slice(0, 64) || "host";
}

/** This process as a staging owner. */
export const THIS_PROCESS: StagingOwner = { host: safeHost(hostname()), pid: process.pid, instance: randomBytes(4).toString("hex") };

/** A fresh staging file name owned by this process. */
export function newStagingName(): string {
  const { host, pid, instance } = THIS_PROCESS;
  return [PREFIX, host, pid, instance, Date.now(), randomBytes(8).toString("hex")].join("~") + SUFFIX;
}

/** The owner a staging name records, or null for another name (older releases' `<ms>-<hex>.part`, or foreign files). */
export function stagingOwnerOf(name: string): StagingOwner | null {
  const m = NAME.exec(name);
  if (!m?.[1] || !m[2] || !m[3]) return null;
  return { host: m[1], pid: Number(m[2]), instance: m[3] };
}

/** Whether a process id is alive on this host (EPERM: alive, owned by another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Whether the owner is known to be gone: a process of this host whose pid is not running, or that
 * runs under this process's pid with another instance id (a previous incarnation). Owners on other
 * hosts, and live pids (perhaps reused), are never known dead: only age removes their files.
 */
export function isOwnerDead(owner: StagingOwner, self: StagingOwner = THIS_PROCESS): boolean {
  if (owner.host !== self.host) return false;
  if (owner.pid === self.pid) return owner.instance !== self.instance;
  return !isAlive(owner.pid);
}

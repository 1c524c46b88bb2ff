import { existsSync } from "node:fs";
import { join } from "node:path";
import { isProcessAlive, readLockHolder } from "../db/data-dir-lock.js";
import { type AdvertisedServer, readAdvertisedServer } from "./advertise-endpoint.js";

/** What a CLI on this machine finds in a data folder. */
export type LocalServer =
  /** A server runs on it: talk to its admin socket. */
  | { kind: "running"; pid: number; url: string; socket: string }
  /** No server runs, and the folder has no embedded database, but its server used this Postgres one. */
  | { kind: "postgres-server"; location: string; since: string }
  /** Nothing runs: the folder (its embedded database, or a new one) is the CLI's to open. */
  | { kind: "none" };

/** Path of the embedded database inside a data folder. */
export function embeddedDatabasePathOf(dataDir: string): string {
  return join(dataDir, "pgdata");
}

function running(server: Pick<AdvertisedServer, "pid" | "url" | "socket">): LocalServer | null {
  // A process that died without cleaning up leaves its socket file; a reused pid has no socket.
  if (!isProcessAlive(server.pid) || !existsSync(server.socket)) return null;
  return { kind: "running", pid: server.pid, url: server.url, socket: server.socket };
}

/**
 * Finds the server of a data folder: a running one (from its endpoint file, or the embedded
 * database's lock), else whether the folder belongs to a server on Postgres — so the CLI never
 * creates an empty embedded database next to a Postgres server's data.
 *
 * @example
 * const found = findLocalServer(".gatehouse");
 * if (found.kind === "running") console.log(found.socket);
 */
export function findLocalServer(dataDir: string): LocalServer {
  const advertised = readAdvertisedServer(dataDir);
  const live = advertised ? running(advertised) : null;
  if (live) return live;
  const holder = readLockHolder(dataDir);
  const locked = holder?.socket && holder.url ? running({ pid: holder.pid, url: holder.url, socket: holder.socket }) : null;
  if (locked) return locked;
  if (advertised?.database.kind === "postgres" && !existsSync(embeddedDatabasePathOf(dataDir))) {
    return { kind: "postgres-server", location: advertised.database.location, since: advertised.since };
  }
  return { kind: "none" };
}

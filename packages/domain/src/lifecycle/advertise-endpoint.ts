import { randomBytes } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { DatabaseTarget, OpenDatabase } from "../db/index.js";

/** Where a running server can be reached. */
export interface ServerEndpoint {
  url: string;
  /** The local admin socket, in the server's data folder. */
  socket: string;
}

/** What a server writes in its data folder when it starts (`server.json`); kept after it stops. */
export interface AdvertisedServer extends ServerEndpoint {
  pid: number;
  since: string;
  /** Its database: the embedded one of this folder, or a Postgres server (shown without password). */
  database: { kind: "pglite" } | { kind: "postgres"; location: string };
}

/** Path of a data folder's endpoint file. */
export function endpointPathOf(dataDir: string): string {
  return join(dataDir, "server.json");
}

/** A Postgres URL fit to print: no password, no query (which may hold one). */
export function redactDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = "";
    u.search = "";
    return u.toString();
  } catch {
    return "postgres://…";
  }
}

function databaseOf(target: DatabaseTarget): AdvertisedServer["database"] {
  return target.kind === "postgres" ? { kind: "postgres", location: redactDatabaseUrl(target.url) } : { kind: "pglite" };
}

/**
 * Tells a CLI on this machine where this server is: in the embedded database's lock (PGlite),
 * and in `server.json` in the data folder whatever the database. The file outlives the server,
 * so a CLI run later without DATABASE_URL learns that this folder's database is a Postgres
 * server instead of creating an empty embedded one. The data folder is the socket's folder.
 */
export function advertiseEndpoint(domain: { database: Pick<OpenDatabase, "lock" | "target"> }, endpoint: ServerEndpoint): void {
  domain.database.lock?.update({ url: endpoint.url, socket: endpoint.socket });
  if (domain.database.target.kind === "memory") return;
  const advertised: AdvertisedServer = { ...endpoint, pid: process.pid, since: new Date().toISOString(), database: databaseOf(domain.database.target) };
  const path = endpointPathOf(dirname(endpoint.socket));
  // Written aside and renamed, so a reader never sees half a file.
  const temp = `${path}.${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(temp, `${JSON.stringify(advertised, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, path);
}

/** The endpoint file of a data folder, or null when there is none (or it cannot be read). */
export function readAdvertisedServer(dataDir: string): AdvertisedServer | null {
  try {
    const parsed = JSON.parse(readFileSync(endpointPathOf(dataDir), "utf8")) as Partial<AdvertisedServer>;
    if (typeof parsed.pid !== "number" || typeof parsed.socket !== "string" || typeof parsed.url !== "string" || !parsed.database) return null;
    return parsed as AdvertisedServer;
  } catch {
    return null;
  }
}

import type { Domain } from "../open-domain.js";

/** Where a running server can be reached. */
export interface ServerEndpoint {
  url: string;
  /** The local admin socket. */
  socket: string;
}

/**
 * Writes where this server listens into the data folder's lock, so a CLI on the
 * same machine finds it instead of opening the database itself (embedded
 * database only; with a Postgres server there is no lock and nothing to write).
 */
export function advertiseEndpoint(domain: Pick<Domain, "database">, endpoint: ServerEndpoint): void {
  domain.database.lock?.update({ url: endpoint.url, socket: endpoint.socket });
}

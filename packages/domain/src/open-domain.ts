import { join } from "node:path";
import { FsBlobStore } from "./blobs/index.js";
import { Catalog } from "./catalog/index.js";
import { ChangeBus } from "./changes/index.js";
import { DEFAULT_SETTINGS, type DomainContext, type DomainSettings } from "./context.js";
import { type DatabaseTarget, type OpenDatabase, migrateToLatest, openDatabase } from "./db/index.js";

/** How to open the domain: a data folder (files, and PGlite unless a database URL is given). */
export interface DomainOptions {
  dataDir: string;
  /** `postgres://…` to use a Postgres server; otherwise PGlite in `<dataDir>/pgdata`. */
  databaseUrl?: string;
  /** Use an in-memory PGlite (tests), optionally started from a dump of a migrated database. */
  memory?: boolean;
  memoryTemplate?: Blob;
  /** Who opens it, written into the data folder's lock (e.g. "server", "cli"). */
  role?: string;
  settings?: Partial<DomainSettings>;
  now?: () => Date;
}

/** An open domain: the context services take, plus lifecycle. */
export interface Domain extends DomainContext {
  database: OpenDatabase;
  /** The read model every protocol, the API and the console read packages through. */
  catalog: Catalog;
  close(): Promise<void>;
}

/** Where the database of these options lives. */
export function databaseTargetOf(options: DomainOptions): DatabaseTarget {
  if (options.databaseUrl) return { kind: "postgres", url: options.databaseUrl };
  if (options.memory) return options.memoryTemplate ? { kind: "memory", template: options.memoryTemplate } : { kind: "memory" };
  return { kind: "pglite", dataDir: options.dataDir };
}

/**
 * Opens the database (migrating it), the blob store and the change bus.
 *
 * @example
 * const domain = await openDomain({ dataDir: ".gatehouse", role: "server" });
 */
export async function openDomain(options: DomainOptions): Promise<Domain> {
  const database = await openDatabase(databaseTargetOf(options), options.role);
  try {
    await migrateToLatest(database.db);
  } catch (err) {
    await database.close();
    throw err;
  }
  const ctx: DomainContext = {
    db: database.db,
    blobs: new FsBlobStore(join(options.dataDir, "files")),
    bus: new ChangeBus(),
    settings: { ...DEFAULT_SETTINGS, ...options.settings },
    now: options.now ?? (() => new Date()),
  };
  const catalog = new Catalog(ctx);
  return {
    ...ctx,
    database,
    catalog,
    close: async () => {
      catalog.close();
      await database.close();
    },
  };
}

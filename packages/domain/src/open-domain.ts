import { type StorageOptions, openBlobStore } from "./blobs/index.js";
import { Catalog } from "./catalog/index.js";
import { ChangeBus } from "./changes/index.js";
import { DEFAULT_SETTINGS, type DomainContext, type DomainSettings } from "./context.js";
import { type DatabaseTarget, type OpenDatabase, migrateToLatest, openDatabase } from "./db/index.js";
import { describeLooseEntries, secureDataDir } from "./lifecycle/data-dir-permissions.js";

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
  /** Where files go (default: the folder `<dataDir>/files`). */
  storage?: StorageOptions;
  now?: () => Date;
  /** Told when the data folder held entries open to other users (fixed where it could); default: a process warning on stderr. */
  onDataDirWarning?: (message: string) => void;
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
  // Owner-only before anything is written into it: the database and the stored files are the server's alone.
  const permissions = await secureDataDir(options.dataDir);
  if (permissions.loose.length > 0) {
    const message = describeLooseEntries(permissions);
    if (options.onDataDirWarning) options.onDataDirWarning(message);
    else process.emitWarning(message, { code: "GATEHOUSE_DATA_DIR_PERMISSIONS" });
  }
  // The store first: an unreachable bucket stops start-up before the database is locked or migrated.
  const blobs = await openBlobStore(options.storage ?? { kind: "folder" }, options.dataDir);
  const database = await openDatabase(databaseTargetOf(options), options.role).catch((err: unknown) => {
    blobs.close?.();
    throw err;
  });
  try {
    await migrateToLatest(database.db);
  } catch (err) {
    await database.close();
    blobs.close?.();
    throw err;
  }
  const ctx: DomainContext = {
    db: database.db,
    blobs,
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
      blobs.close?.();
    },
  };
}

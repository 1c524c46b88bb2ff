import type { ArchiveLimits } from "@gatehouse/repo-index";
import type { Kysely } from "kysely";
import type { BlobStore } from "./blobs/blob-store.js";
import type { ChangeBus } from "./changes/index.js";
import type { Database } from "./db/index.js";

/** Settings the domain consults (loaded and validated by the app). */
export interface DomainSettings {
  /** Whether new repos require authentication unless told otherwise (`auth.newReposAuthByDefault`). */
  newReposAuthByDefault: boolean;
  /** Largest accepted upload, in bytes. */
  maxUploadBytes: number;
  /** Bioconductor release new Bioconductor uploads default to. */
  biocRelease: string;
  /** How remote sources reach their upstreams. */
  upstream: UpstreamSettings;
  /** Bounds on inspecting one uploaded archive (decompression bombs); unset fields keep repo-index's defaults. */
  archiveLimits?: ArchiveLimits;
}

/** Settings of pull-through mirroring (remote sources). */
export interface UpstreamSettings {
  /** Allow loopback and private upstream addresses (`GATEHOUSE_UPSTREAM_ALLOW_PRIVATE`; tests use loopback upstreams). */
  allowPrivate: boolean;
  /** How long a mirrored project's upstream page is trusted before it is read again. */
  indexTtlSeconds: number;
  /** Time bound of one upstream request. */
  timeoutSeconds: number;
  /** The value of a server environment variable named by a source's `--upstream-token-env` (read by the app). */
  secret(name: string): string | undefined;
}

/** Default settings. */
export const DEFAULT_SETTINGS: DomainSettings = {
  newReposAuthByDefault: false,
  maxUploadBytes: 2 * 1024 ** 3,
  biocRelease: "3.20",
  upstream: { allowPrivate: false, indexTtlSeconds: 300, timeoutSeconds: 30, secret: () => undefined },
};

/** What every service needs: the database, blob storage, the change bus and a clock. */
export interface DomainContext {
  db: Kysely<Database>;
  blobs: BlobStore;
  bus: ChangeBus;
  settings: DomainSettings;
  now(): Date;
}

/** Where a request came from, for the audit log. */
export interface RequestMeta {
  address?: string | null;
}

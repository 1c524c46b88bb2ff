import type { Readable } from "node:stream";
import type { StagingSweepPolicy } from "./sweep-staging.js";

/** Bytes written to a temporary place and hashed, not yet part of the store. */
export interface StagedBlob {
  /** Local path of the staged bytes (readable until committed or discarded). */
  path: string;
  sha256: string;
  md5: string;
  size: number;
}

/** A stored blob as a store's listing gives it. */
export interface StoredBlob {
  sha256: string;
  size: number;
  /** When the bytes were written (file mtime, object LastModified). */
  modifiedAt: Date;
}

/** What cleaning a store's staging removed (or would remove). */
export interface StagingCleanup {
  /** Staged files of uploads that will never finish, and their bytes. */
  files: number;
  bytes: number;
  /** Incomplete multipart uploads aborted (object storage), and parts' bytes are not counted. */
  multipartUploads: number;
}

/** A byte range, inclusive, as HTTP Range gives it. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Content-addressed file storage. Uploads are staged (streamed to a temp file
 * while hashing), inspected, then committed under their sha256; the database
 * records a file only after commit returns, so no index entry lacks its bytes.
 */
export interface BlobStore {
  /** Streams input to a temp file, hashing as it goes; TOO_LARGE past maxBytes (nothing kept). */
  stage(input: Readable | AsyncIterable<Uint8Array> | Iterable<Uint8Array>, options: { maxBytes: number }): Promise<StagedBlob>;
  /** Makes staged bytes durable under their sha256 (idempotent when already stored). */
  commit(staged: StagedBlob): Promise<void>;
  /** Drops staged bytes. */
  discard(staged: StagedBlob): Promise<void>;
  /** Stores small bytes (e.g. extracted metadata) directly; returns their sha256. */
  putBytes(bytes: Uint8Array): Promise<string>;
  /** Reads a whole small blob. */
  readBytes(sha256: string): Promise<Buffer>;
  /** Opens stored bytes for streaming, optionally a range. */
  open(sha256: string, range?: ByteRange): Readable;
  /** Size of a stored blob, or null when absent. */
  stat(sha256: string): Promise<{ size: number } | null>;
  /**
   * A short-lived URL a client may fetch the bytes from directly (object storage with
   * GATEHOUSE_STORAGE_REDIRECT), or null to stream them through the server. Optional: a store
   * without it always streams.
   */
  downloadUrl?(sha256: string, options: { contentType: string }): Promise<string | null>;
  /** Every stored blob, in no particular order (garbage collection). */
  list(): AsyncIterable<StoredBlob>;
  /** Removes a stored blob (absent is fine). Only garbage collection calls it, under its lock. */
  delete(sha256: string): Promise<void>;
  /** Removes what crashed uploads left in staging (and, for object storage, stale multipart uploads). */
  cleanStaging(policy: StagingSweepPolicy): Promise<StagingCleanup>;
  /** Releases connections (object storage); the store is not used afterwards. */
  close?(): void;
}

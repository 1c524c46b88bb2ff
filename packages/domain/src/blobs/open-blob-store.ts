import { join } from "node:path";
import { HeadBucketCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { DomainError } from "../errors/index.js";
import type { BlobStore } from "./blob-store.js";
import { FsBlobStore } from "./fs-blob-store.js";
import { S3BlobStore } from "./s3-blob-store.js";
import type { S3StorageOptions, StorageOptions } from "./storage-location.js";

// Long enough for a slow first TLS handshake, short enough that a wrong endpoint fails start-up soon.
const PROBE_TIMEOUT_MS = 10_000;
// Presigned downloads are used at once by the client that asked; a short life limits a leaked URL.
const PRESIGN_SECONDS = 300;

function describe(options: S3StorageOptions): string {
  return `GATEHOUSE_STORAGE=s3://${options.bucket}/${options.prefix}${options.endpoint ? ` (AWS_ENDPOINT_URL=${options.endpoint})` : ""}`;
}

function reasonOf(err: unknown): string {
  if (err instanceof S3ServiceException) {
    const status = err.$metadata.httpStatusCode;
    if (status === 404) return "no such bucket";
    if (status === 403) return "access denied (check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY)";
    return `${err.name}${status ? ` (HTTP ${status})` : ""}`;
  }
  if (err instanceof Error) {
    if (err.name === "AbortError" || err.name === "TimeoutError") return `no answer within ${PROBE_TIMEOUT_MS / 1000} s`;
    if (err.name === "CredentialsProviderError") return `${err.message} (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)`;
    return err.message;
  }
  return String(err);
}

/** An S3 client for these options; the SDK's own retries (3 attempts) cover passing faults. */
export function createS3Client(options: S3StorageOptions): S3Client {
  return new S3Client({
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  });
}

/**
 * Opens the configured store; for S3 it asks for the bucket first (HeadBucket), so a wrong name,
 * key or endpoint stops start-up with a CONFIG_INVALID naming GATEHOUSE_STORAGE instead of failing
 * the first upload.
 *
 * @example
 * const blobs = await openBlobStore({ kind: "folder" }, ".gatehouse");
 */
export async function openBlobStore(storage: StorageOptions, dataDir: string): Promise<BlobStore> {
  if (storage.kind === "folder") return new FsBlobStore(storage.dir ?? join(dataDir, "files"));
  const client = createS3Client(storage);
  try {
    await client.send(new HeadBucketCommand({ Bucket: storage.bucket }), { abortSignal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
  } catch (err) {
    client.destroy();
    throw new DomainError("CONFIG_INVALID", `cannot reach the object store of ${describe(storage)}: ${reasonOf(err)}`, "GATEHOUSE_STORAGE");
  }
  return new S3BlobStore(client, {
    bucket: storage.bucket,
    prefix: storage.prefix,
    // Staged uploads live only while their request runs, so this folder is no node's shared state.
    tmpDir: join(dataDir, "staging"),
    ...(storage.redirectDownloads ? { presignSeconds: PRESIGN_SECONDS } : {}),
  });
}

/** Where files go: a local folder (default `<data dir>/files`) or an S3-compatible bucket. */
export type StorageOptions = FolderStorageOptions | S3StorageOptions;

/** Files in a local folder; without `dir`, `<data dir>/files`. */
export interface FolderStorageOptions {
  kind: "folder";
  dir?: string;
}

/** Files as objects under `prefix` in `bucket`, reached through the AWS SDK. */
export interface S3StorageOptions {
  kind: "s3";
  bucket: string;
  /** Empty, or ends with `/`. */
  prefix: string;
  region: string;
  /** An S3-compatible store's URL (AWS_ENDPOINT_URL); AWS S3 itself when absent. */
  endpoint?: string;
  /** `http://host/bucket/key` instead of `http://bucket.host/key` (what most S3-compatible stores need). */
  forcePathStyle: boolean;
  /** Static keys; absent, the SDK's default chain (profile, web identity, instance role) applies. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Answer downloads with a redirect to a presigned URL instead of streaming through the server. */
  redirectDownloads: boolean;
}

/** What `GATEHOUSE_STORAGE` names, before the AWS settings are added. */
export type StorageLocation = { kind: "folder"; dir: string } | { kind: "s3"; bucket: string; prefix: string };

// S3's own rule for bucket names (3–63 characters, lowercase, digits, dots and hyphens).
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//;

/**
 * Parses `GATEHOUSE_STORAGE`: `s3://bucket[/prefix]`, or a folder path; any other `scheme://` is
 * refused so a typo never silently falls back to local files.
 *
 * @example
 * parseStorageLocation("s3://packages/gatehouse") // { ok: true, value: { kind: "s3", bucket: "packages", prefix: "gatehouse/" } }
 */
export function parseStorageLocation(value: string): { ok: true; value: StorageLocation } | { ok: false; error: string } {
  const scheme = SCHEME.exec(value)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    return value.trim() === "" ? { ok: false, error: "must be s3://bucket/prefix or a folder" } : { ok: true, value: { kind: "folder", dir: value } };
  }
  if (scheme !== "s3") return { ok: false, error: `unknown storage scheme '${scheme}://': use s3://bucket/prefix or a folder path` };
  const rest = value.slice("s3://".length);
  const slash = rest.indexOf("/");
  const bucket = slash === -1 ? rest : rest.slice(0, slash);
  if (!BUCKET.test(bucket)) return { ok: false, error: `'${bucket}' is not an S3 bucket name (3–63 lowercase letters, digits, '.', '-')` };
  const segments = (slash === -1 ? "" : rest.slice(slash + 1)).split("/").filter((s) => s !== "");
  if (segments.some((s) => s === "." || s === "..")) return { ok: false, error: "the prefix may not contain '.' or '..' segments" };
  return { ok: true, value: { kind: "s3", bucket, prefix: segments.length ? `${segments.join("/")}/` : "" } };
}

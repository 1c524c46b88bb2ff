import { resolve } from "node:path";
import type { StorageOptions } from "@gatehouse/domain";
import { parseStorageLocation } from "@gatehouse/domain/light";

/** The storage settings as read from the environment (validated as text by env.ts). */
export interface StorageSettings {
  GATEHOUSE_STORAGE?: string | undefined;
  GATEHOUSE_STORAGE_REDIRECT: boolean;
  AWS_ENDPOINT_URL?: string | undefined;
  AWS_REGION?: string | undefined;
  AWS_DEFAULT_REGION?: string | undefined;
  AWS_ACCESS_KEY_ID?: string | undefined;
  AWS_SECRET_ACCESS_KEY?: string | undefined;
  AWS_SESSION_TOKEN?: string | undefined;
  AWS_S3_FORCE_PATH_STYLE?: boolean | undefined;
}

/** A storage setting that is wrong, with the name to show. */
export type StorageSettingResult = { ok: true; value: StorageOptions } | { ok: false; name: keyof StorageSettings; error: string };

/**
 * Turns the storage settings into the domain's StorageOptions. The AWS variables matter only with
 * `s3://`. Path-style addressing is the default whenever AWS_ENDPOINT_URL is set (S3-compatible
 * stores such as MinIO rarely have per-bucket DNS names); AWS_S3_FORCE_PATH_STYLE overrides it.
 *
 * @example
 * storageOptionsOf({ GATEHOUSE_STORAGE: "s3://pkgs/gh", GATEHOUSE_STORAGE_REDIRECT: false, AWS_ENDPOINT_URL: "http://127.0.0.1:9000" })
 */
export function storageOptionsOf(s: StorageSettings): StorageSettingResult {
  if (s.GATEHOUSE_STORAGE === undefined) return { ok: true, value: { kind: "folder" } };
  const location = parseStorageLocation(s.GATEHOUSE_STORAGE);
  if (!location.ok) return { ok: false, name: "GATEHOUSE_STORAGE", error: location.error };
  if (location.value.kind === "folder") return { ok: true, value: { kind: "folder", dir: resolve(location.value.dir) } };
  const endpoint = s.AWS_ENDPOINT_URL;
  if (endpoint !== undefined && !/^https?:\/\/[^/]/.test(endpoint)) {
    return { ok: false, name: "AWS_ENDPOINT_URL", error: "must be an http:// or https:// URL" };
  }
  const keyId = s.AWS_ACCESS_KEY_ID;
  const secret = s.AWS_SECRET_ACCESS_KEY;
  if ((keyId === undefined) !== (secret === undefined)) {
    return { ok: false, name: keyId === undefined ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY", error: "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set together" };
  }
  return {
    ok: true,
    value: {
      kind: "s3",
      bucket: location.value.bucket,
      prefix: location.value.prefix,
      // Stores other than AWS ignore the region but the SDK signs with one; us-east-1 is S3's default.
      region: s.AWS_REGION ?? s.AWS_DEFAULT_REGION ?? "us-east-1",
      ...(endpoint !== undefined ? { endpoint } : {}),
      forcePathStyle: s.AWS_S3_FORCE_PATH_STYLE ?? endpoint !== undefined,
      ...(keyId !== undefined && secret !== undefined
        ? { credentials: { accessKeyId: keyId, secretAccessKey: secret, ...(s.AWS_SESSION_TOKEN ? { sessionToken: s.AWS_SESSION_TOKEN } : {}) } }
        : {}),
      redirectDownloads: s.GATEHOUSE_STORAGE_REDIRECT,
    },
  };
}

/** The kind of TOML value a key takes. */
export type ConfigKeyType = "string" | "integer" | "boolean";

/** One key of the config file: its dotted name, its type, and the environment variable it sets. */
export interface ConfigKey {
  key: string;
  type: ConfigKeyType;
  env: string;
}

/**
 * Every key `gatehouse.toml` may hold, one for each server setting of the README's table. The
 * file only supplies values for the environment variables named here (env wins), so the rules
 * for each value are the ones env.ts already enforces.
 */
export const CONFIG_KEYS: readonly ConfigKey[] = [
  { key: "host", type: "string", env: "GATEHOUSE_HOST" },
  { key: "port", type: "integer", env: "GATEHOUSE_PORT" },
  { key: "data_dir", type: "string", env: "GATEHOUSE_DATA_DIR" },
  { key: "database_url", type: "string", env: "DATABASE_URL" },
  { key: "max_upload_bytes", type: "integer", env: "GATEHOUSE_MAX_UPLOAD_BYTES" },
  { key: "log_level", type: "string", env: "GATEHOUSE_LOG_LEVEL" },
  { key: "bioc_release", type: "string", env: "GATEHOUSE_BIOC_RELEASE" },
  { key: "storage.location", type: "string", env: "GATEHOUSE_STORAGE" },
  { key: "storage.redirect", type: "boolean", env: "GATEHOUSE_STORAGE_REDIRECT" },
  { key: "s3.endpoint_url", type: "string", env: "AWS_ENDPOINT_URL" },
  { key: "s3.region", type: "string", env: "AWS_REGION" },
  { key: "s3.force_path_style", type: "boolean", env: "AWS_S3_FORCE_PATH_STYLE" },
  { key: "s3.access_key_id", type: "string", env: "AWS_ACCESS_KEY_ID" },
  { key: "s3.secret_access_key", type: "string", env: "AWS_SECRET_ACCESS_KEY" },
  { key: "s3.session_token", type: "string", env: "AWS_SESSION_TOKEN" },
  { key: "auth.new_repos_auth_by_default", type: "boolean", env: "GATEHOUSE_AUTH_NEW_REPOS_AUTH_BY_DEFAULT" },
  { key: "auth.failure_limit", type: "integer", env: "GATEHOUSE_AUTH_FAILURE_LIMIT" },
  { key: "auth.failure_window_seconds", type: "integer", env: "GATEHOUSE_AUTH_FAILURE_WINDOW_SECONDS" },
  { key: "auth.unknown_repo_status", type: "integer", env: "GATEHOUSE_AUTH_UNKNOWN_REPO_STATUS" },
  { key: "upstream.allow_private", type: "boolean", env: "GATEHOUSE_UPSTREAM_ALLOW_PRIVATE" },
  { key: "upstream.index_ttl_seconds", type: "integer", env: "GATEHOUSE_UPSTREAM_INDEX_TTL_SECONDS" },
  { key: "upstream.timeout_seconds", type: "integer", env: "GATEHOUSE_UPSTREAM_TIMEOUT_SECONDS" },
  { key: "gc.interval", type: "string", env: "GATEHOUSE_GC_INTERVAL" },
];

/** Environment variables that are settings but have no key: aliases and the file's own name. */
export const ENV_ONLY_SETTINGS: readonly string[] = ["AWS_DEFAULT_REGION", "GATEHOUSE_CONFIG"];

import { resolve } from "node:path";
import type { StorageOptions, UpstreamSettings } from "@gatehouse/domain";
import { z } from "zod";
import { ConfigError } from "./config-error.js";
import { type ConfigFileSettings, readConfigFile } from "./config-file.js";
import { storageOptionsOf } from "./storage-config.js";

export { ConfigError } from "./config-error.js";

// The only place process.env is read for the server; everything else gets a ServerConfig.

const booleanText = z
  .enum(["true", "false", "1", "0"])
  .transform((v) => v === "true" || v === "1");

const DURATION = /^(\d{1,9})([smhd])$/;
const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `24h`, `30m`, … or `off`: milliseconds, or null when off. */
const intervalText = z.string().transform((v, ctx) => {
  const text = v.trim();
  if (text === "off") return null;
  const m = DURATION.exec(text);
  const ms = m?.[1] && m[2] ? Number(m[1]) * (UNIT_MS[m[2]] ?? 0) : 0;
  if (ms > 0) return ms;
  ctx.addIssue({ code: "custom", message: "must be a duration such as 30m, 6h or 1d, or off" });
  return z.NEVER;
});

const envSchema = z.object({
  GATEHOUSE_HOST: z.string().min(1).default("127.0.0.1"),
  GATEHOUSE_PORT: z.coerce.number().int().min(0).max(65535).default(4242),
  GATEHOUSE_DATA_DIR: z.string().min(1).default(".gatehouse"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  GATEHOUSE_MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(2 * 1024 ** 3),
  GATEHOUSE_AUTH_NEW_REPOS_AUTH_BY_DEFAULT: booleanText.default(false),
  GATEHOUSE_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  GATEHOUSE_AUTH_FAILURE_LIMIT: z.coerce.number().int().positive().default(30),
  GATEHOUSE_AUTH_FAILURE_WINDOW_SECONDS: z.coerce.number().int().positive().default(60),
  GATEHOUSE_AUTH_UNKNOWN_REPO_STATUS: z.coerce
    .number()
    .refine((n) => n === 401 || n === 404, "must be 401 (unknown repos answer like authenticated ones) or 404")
    .default(401),
  GATEHOUSE_BIOC_RELEASE: z.string().regex(/^\d+\.\d+$/, "must look like 3.20").default("3.20"),
  // Storage: checked further (and only for s3://) by storageOptionsOf, which names the setting at fault.
  GATEHOUSE_STORAGE: z.string().optional(),
  GATEHOUSE_STORAGE_REDIRECT: booleanText.default(false),
  AWS_ENDPOINT_URL: z.string().min(1).optional(),
  AWS_REGION: z.string().min(1).optional(),
  AWS_DEFAULT_REGION: z.string().min(1).optional(),
  AWS_ACCESS_KEY_ID: z.string().min(1).optional(),
  AWS_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  AWS_SESSION_TOKEN: z.string().min(1).optional(),
  AWS_S3_FORCE_PATH_STYLE: booleanText.optional(),
  GATEHOUSE_UPSTREAM_ALLOW_PRIVATE: booleanText.default(false),
  GATEHOUSE_UPSTREAM_INDEX_TTL_SECONDS: z.coerce.number().int().min(0).default(300),
  GATEHOUSE_UPSTREAM_TIMEOUT_SECONDS: z.coerce.number().int().positive().default(30),
  GATEHOUSE_GC_INTERVAL: intervalText.default(24 * 3_600_000),
});

/** Every server setting, validated. */
export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  maxUploadBytes: number;
  newReposAuthByDefault: boolean;
  logLevel: string;
  authFailureLimit: number;
  authFailureWindowMs: number;
  /**
   * What an anonymous request to an unknown repo gets: 401 like an authenticated repo (so private
   * repo names cannot be probed), or 404 for servers that prefer plain answers to hiding names.
   */
  unknownRepoStatus: 401 | 404;
  biocRelease: string;
  /** Where files go: the data folder's `files/`, another folder, or an S3 bucket. */
  storage: StorageOptions;
  /** How remote sources reach their upstreams (tokens are read, by name, from this environment). */
  upstream: UpstreamSettings;
  /** How often the server collects unreferenced files (`GATEHOUSE_GC_INTERVAL`); null: never on its own. */
  gcIntervalMs: number | null;
}

/** The environment variables that are server settings (each has a config-file key, see config-keys.ts). */
export const SETTING_VARIABLES: readonly string[] = Object.keys(envSchema.shape);

/** Where settings come from besides the environment. */
export interface ConfigSources {
  /** A TOML config file (`--config`); the environment overrides it. */
  file?: string | undefined;
}

function describeSetting(name: string, value: string | undefined, file: ConfigFileSettings | null): string {
  const origin = file?.origins[name];
  return origin ? `${origin.key} = ${JSON.stringify(value ?? "")} in ${origin.file}` : `${name}=${JSON.stringify(value ?? "")}`;
}

/**
 * Reads and validates settings from an environment over an optional config file (the
 * environment wins over the file, overrides — CLI flags — over both). An invalid value names
 * the variable, or the key and file it came from.
 *
 * @example
 * const config = loadConfig(process.env, { port: 0 }, { file: "gatehouse.toml" });
 */
export function loadConfig(processEnv: NodeJS.ProcessEnv, overrides: Partial<ServerConfig> = {}, sources: ConfigSources = {}): ServerConfig {
  const file = sources.file ? readConfigFile(sources.file) : null;
  const fromEnv = Object.fromEntries(Object.entries(processEnv).filter(([, v]) => v !== undefined));
  const fromFileOnly = file ? Object.fromEntries(Object.entries(file.values).filter(([name]) => fromEnv[name] === undefined)) : {};
  const env: NodeJS.ProcessEnv = { ...fromFileOnly, ...fromEnv };
  const shown = file ? { values: file.values, origins: Object.fromEntries(Object.entries(file.origins).filter(([name]) => name in fromFileOnly)) } : null;
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? "setting");
    throw new ConfigError(`invalid setting ${describeSetting(name, env[name], shown)}: ${issue?.message ?? "invalid"}`);
  }
  const e = parsed.data;
  const storage = storageOptionsOf(e);
  if (!storage.ok) throw new ConfigError(`invalid setting ${describeSetting(storage.name, env[storage.name], shown)}: ${storage.error}`);
  const config: ServerConfig = {
    host: e.GATEHOUSE_HOST,
    port: e.GATEHOUSE_PORT,
    dataDir: e.GATEHOUSE_DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    maxUploadBytes: e.GATEHOUSE_MAX_UPLOAD_BYTES,
    newReposAuthByDefault: e.GATEHOUSE_AUTH_NEW_REPOS_AUTH_BY_DEFAULT,
    logLevel: e.GATEHOUSE_LOG_LEVEL,
    authFailureLimit: e.GATEHOUSE_AUTH_FAILURE_LIMIT,
    authFailureWindowMs: e.GATEHOUSE_AUTH_FAILURE_WINDOW_SECONDS * 1000,
    unknownRepoStatus: e.GATEHOUSE_AUTH_UNKNOWN_REPO_STATUS === 404 ? 404 : 401,
    biocRelease: e.GATEHOUSE_BIOC_RELEASE,
    storage: storage.value,
    gcIntervalMs: e.GATEHOUSE_GC_INTERVAL,
    upstream: {
      allowPrivate: e.GATEHOUSE_UPSTREAM_ALLOW_PRIVATE,
      indexTtlSeconds: e.GATEHOUSE_UPSTREAM_INDEX_TTL_SECONDS,
      timeoutSeconds: e.GATEHOUSE_UPSTREAM_TIMEOUT_SECONDS,
      // A source names the variable (--upstream-token-env); its value is looked up here, when needed, and never stored.
      secret: (name) => env[name],
    },
  };
  const merged = { ...config, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) };
  return { ...merged, dataDir: resolve(merged.dataDir) };
}

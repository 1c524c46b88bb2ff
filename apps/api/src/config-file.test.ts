import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseConfigFile } from "./config-file.js";
import { CONFIG_KEYS, ENV_ONLY_SETTINGS } from "./config-keys.js";
import { ConfigError, SETTING_VARIABLES, loadConfig } from "./env.js";

const dir = mkdtempSync(join(tmpdir(), "gh-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(text: string): string {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.toml`);
  writeFileSync(path, text);
  return path;
}

const FULL = `
host = "0.0.0.0"
port = 8080
data_dir = "/var/lib/gatehouse"
database_url = "postgres://gh@db:5432/gatehouse"
max_upload_bytes = 1048576
log_level = "warn"
bioc_release = "3.19"

[storage]
location = "s3://pkgs/gh/"
redirect = true

[s3]
endpoint_url = "http://minio:9000"
region = "eu-west-1"
force_path_style = false
access_key_id = "AK"
secret_access_key = "SK"
session_token = "ST"

[auth]
new_repos_auth_by_default = true
failure_limit = 5
failure_window_seconds = 10
unknown_repo_status = 404

[upstream]
allow_private = true
index_ttl_seconds = 0
timeout_seconds = 7
[gc]
interval = "6h"
`;

describe("the config file", () => {
  it("sets every server setting, by key", () => {
    const config = loadConfig({}, {}, { file: file(FULL) });
    expect(config).toMatchObject({
      host: "0.0.0.0",
      port: 8080,
      dataDir: "/var/lib/gatehouse",
      databaseUrl: "postgres://gh@db:5432/gatehouse",
      maxUploadBytes: 1048576,
      logLevel: "warn",
      biocRelease: "3.19",
      newReposAuthByDefault: true,
      authFailureLimit: 5,
      authFailureWindowMs: 10_000,
      unknownRepoStatus: 404,
      upstream: { allowPrivate: true, indexTtlSeconds: 0, timeoutSeconds: 7 },
      gcIntervalMs: 6 * 3_600_000,
      storage: {
        kind: "s3",
        bucket: "pkgs",
        prefix: "gh/",
        region: "eu-west-1",
        endpoint: "http://minio:9000",
        forcePathStyle: false,
        credentials: { accessKeyId: "AK", secretAccessKey: "SK", sessionToken: "ST" },
        redirectDownloads: true,
      },
    });
    // Every key was used by that file: a key added to the table without a line above fails here.
    expect(Object.keys(parseConfigFile(FULL, "full.toml").values).sort()).toEqual(CONFIG_KEYS.map((k) => k.env).sort());
  });

  it("is overridden by the environment, and flags override both", () => {
    const path = file('port = 8080\nlog_level = "warn"\n[auth]\nfailure_limit = 5\n');
    const config = loadConfig({ GATEHOUSE_PORT: "9090", GATEHOUSE_AUTH_FAILURE_LIMIT: "7" }, {}, { file: path });
    expect(config).toMatchObject({ port: 9090, logLevel: "warn", authFailureLimit: 7 });
    expect(loadConfig({ GATEHOUSE_PORT: "9090" }, { port: 0 }, { file: path }).port).toBe(0);
    // A bad value in the file that the environment overrides is never looked at.
    expect(loadConfig({ GATEHOUSE_PORT: "1" }, {}, { file: file("port = 99999\n") }).port).toBe(1);
  });

  it.each([
    ["prot = 4242", "unknown key 'prot' (did you mean 'port'?)"],
    ['[storage]\nlocaton = "s3://b/p"', "unknown key 'storage.locaton' (did you mean 'storage.location'?)"],
    ["failure_limit = 3", "unknown key 'failure_limit' (did you mean 'auth.failure_limit'?)"],
    ['[s3]\nbucket = "b"', "unknown key 's3.bucket';"],
    ['GATEHOUSE_PORT = "1"', "unknown key 'GATEHOUSE_PORT'"],
  ])("refuses an unknown key by name: %s", (text, message) => {
    expect(() => parseConfigFile(text, "gatehouse.toml")).toThrow(ConfigError);
    expect(() => parseConfigFile(text, "gatehouse.toml")).toThrow(`gatehouse.toml: ${message}`);
  });

  it.each([
    ['port = "4242"', "'port' must be an integer, not a string"],
    ["port = 42.5", "'port' must be an integer, not a float"],
    ["host = 127", "'host' must be a string, not an integer"],
    ['[storage]\nredirect = "yes"', "'storage.redirect' must be a boolean, not a string"],
    ["[auth]\nfailure_limit = [1]", "'auth.failure_limit' must be an integer, not an array"],
    ["data_dir = 2026-01-01", "'data_dir' must be a string, not a date"],
    ["storage = 1", "unknown key 'storage'"],
  ])("refuses a value of the wrong type, naming the key: %s", (text, message) => {
    expect(() => parseConfigFile(text, "gatehouse.toml")).toThrow(`gatehouse.toml: ${message}`);
  });

  it("names the key and the file of a value the setting's own rule refuses", () => {
    const path = file("port = 70000\n");
    expect(() => loadConfig({}, {}, { file: path })).toThrow(new RegExp(`^invalid setting port = "70000" in ${path.replace(/[.]/g, "\\.")}: `));
    const s3 = file('[storage]\nlocation = "ftp://x"\n');
    expect(() => loadConfig({}, {}, { file: s3 })).toThrow(/^invalid setting storage\.location = "ftp:\/\/x" in .*\.toml: /);
    // From the environment, the variable is named as before.
    expect(() => loadConfig({ GATEHOUSE_PORT: "70000" }, {}, { file: file("") })).toThrow(/^invalid setting GATEHOUSE_PORT="70000": /);
  });

  it("refuses a file that is not TOML, saying where, and one that cannot be read", () => {
    expect(() => parseConfigFile('port = 1\nhost = "unterminated\n', "g.toml")).toThrow(/^g\.toml is not valid TOML at line 2, column \d+: /);
    expect(() => loadConfig({}, {}, { file: join(dir, "missing.toml") })).toThrow(/cannot read the config file .*missing\.toml: no such file/);
    expect(() => loadConfig({}, {}, { file: dir })).toThrow(/cannot read the config file .*: it is a folder/);
  });

  it("has a key for every server setting, and every key sets one", () => {
    const keyed = CONFIG_KEYS.map((k) => k.env);
    expect(new Set(keyed).size).toBe(keyed.length);
    expect([...keyed, ...ENV_ONLY_SETTINGS.filter((v) => SETTING_VARIABLES.includes(v))].sort()).toEqual([...SETTING_VARIABLES].sort());
  });

  it("has a key for every server setting of the README's Configuration table", () => {
    const readme = readFileSync(join(import.meta.dirname, "../../../README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Configuration"), readme.indexOf("## Architecture"));
    const rows = section.split("\n").filter((line) => line.startsWith("| `"));
    const variables = new Set(rows.flatMap((row) => [...(row.split("|")[1] ?? "").matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1] ?? "")));
    // The table abbreviates GATEHOUSE_AUTH_FAILURE_WINDOW_SECONDS as `…_WINDOW_SECONDS`.
    expect(variables.size).toBeGreaterThan(15);
    const clientOnly = ["GATEHOUSE_ADDRESS", "GATEHOUSE_TOKEN"];
    const keyed = new Set([...CONFIG_KEYS.map((k) => k.env), ...ENV_ONLY_SETTINGS]);
    expect([...variables].filter((v) => !keyed.has(v) && !clientOnly.includes(v))).toEqual([]);
  });
});

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ENV_ONLY_SETTINGS } from "../src/config-keys.js";
import { SETTING_VARIABLES, loadConfig } from "../src/env.js";

// deploy/ is not run in CI (no container engine there); this checks that every setting its
// Dockerfile and compose file give Gatehouse is one Gatehouse knows, and that together with its
// config file they load — so a renamed setting or a typo fails here, not on someone's server.

const root = join(import.meta.dirname, "../../..");
const deploy = join(root, "deploy");
const KNOWN = new Set([...SETTING_VARIABLES, ...ENV_ONLY_SETTINGS]);

interface Service {
  build?: { context?: string; dockerfile?: string };
  image?: string;
  environment?: Record<string, string>;
  volumes?: string[];
  entrypoint?: string[];
}

const compose = parse(readFileSync(join(deploy, "compose.yaml"), "utf8"), { merge: true }) as { services: Record<string, Service> };
const nodes = Object.entries(compose.services).filter(([, s]) => s.build?.dockerfile === "deploy/Dockerfile");

/** `ENV` of the Dockerfile's last stage (the image that runs), continuation lines joined. */
function dockerfileEnv(): Record<string, string> {
  const text = readFileSync(join(deploy, "Dockerfile"), "utf8").replace(/\\\n/g, " ");
  const lines = text.split("\n");
  const lastStage = lines.findLastIndex((l) => /^FROM\s/i.test(l));
  const env: Record<string, string> = {};
  for (const line of lines.slice(lastStage)) {
    const m = /^ENV\s+(.*)$/i.exec(line.trim());
    for (const pair of m?.[1]?.trim().split(/\s+/) ?? []) {
      const [name, ...value] = pair.split("=");
      if (name) env[name] = value.join("=");
    }
  }
  return env;
}

/** Compose's `${NAME:-default}` interpolation, with nothing set (the defaults the file ships). */
function interpolate(value: string): string {
  return value.replace(/\$\{([A-Z0-9_]+):-([^}]*)\}/g, (_, _name: string, fallback: string) => fallback);
}

/** The host file a container path is mounted from (`./x:/path:ro`). */
function mountedFrom(service: Service, containerPath: string): string | undefined {
  const volume = service.volumes?.find((v) => v.split(":")[1] === containerPath);
  const source = volume?.split(":")[0];
  return source?.startsWith("./") ? join(deploy, source) : undefined;
}

describe("deploy/", () => {
  it("has two Gatehouse nodes built from deploy/Dockerfile", () => {
    expect(nodes.map(([name]) => name)).toEqual(["gatehouse-a", "gatehouse-b"]);
    expect(existsSync(join(root, "apps/cli/bin/run.js"))).toBe(true);
    expect(readFileSync(join(deploy, "Dockerfile"), "utf8")).toMatch(/ENTRYPOINT \["node", (?:"--[^"]+", )*"\/app\/apps\/cli\/bin\/run\.js"\]\nCMD \["serve"\]/);
  });

  it("starts the server with the Node flags `npm run serve` uses", async () => {
    const { SERVER_NODE_FLAGS } = await import("../../../tooling/scripts/server-flags.mjs");
    const entrypoint = /^ENTRYPOINT \[(.*)\]$/m.exec(readFileSync(join(deploy, "Dockerfile"), "utf8"))?.[1] ?? "";
    const args = JSON.parse(`[${entrypoint}]`) as string[];
    expect(SERVER_NODE_FLAGS.length).toBeGreaterThan(0);
    expect(args.slice(1, 1 + SERVER_NODE_FLAGS.length)).toEqual([...SERVER_NODE_FLAGS]);
  });

  it("sets only Gatehouse settings in the image", () => {
    const env = dockerfileEnv();
    expect(Object.keys(env).length).toBeGreaterThan(0);
    expect(Object.keys(env).filter((name) => !KNOWN.has(name))).toEqual([]);
  });

  it.each(nodes)("gives %s only Gatehouse settings, and they load with its config file", (_name, service) => {
    const environment = Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, interpolate(String(v))]));
    expect(Object.keys(environment).filter((name) => !KNOWN.has(name))).toEqual([]);
    const configPath = environment.GATEHOUSE_CONFIG;
    expect(configPath).toBeDefined();
    const file = mountedFrom(service, configPath ?? "");
    expect(file && existsSync(file)).toBe(true);

    // The node's view: the image's ENV under the service's environment, over the mounted file.
    const config = loadConfig({ ...dockerfileEnv(), ...environment }, {}, { file });
    expect(config).toMatchObject({ host: "0.0.0.0", port: 4242, dataDir: "/var/lib/gatehouse" });
    // Its data folder is a volume of its own, not shared with the other node.
    expect(service.volumes?.some((v) => v.endsWith(":/var/lib/gatehouse"))).toBe(true);

    // The database and the store it names are services of this file, set up as it expects.
    const db = new URL(config.databaseUrl ?? "");
    const postgres = compose.services[db.hostname]?.environment ?? {};
    expect(db.username).toBe(postgres.POSTGRES_USER);
    expect(db.password).toBe(interpolate(postgres.POSTGRES_PASSWORD ?? ""));
    expect(db.pathname).toBe(`/${postgres.POSTGRES_DB}`);
    if (config.storage.kind !== "s3") throw new Error("the deploy example stores files in S3");
    expect(compose.services[new URL(config.storage.endpoint ?? "").hostname]).toBeDefined();
    expect(config.storage.credentials?.accessKeyId).toBe(interpolate(compose.services.minio?.environment?.MINIO_ROOT_USER ?? ""));
    expect(compose.services.bucket?.entrypoint?.join(" ")).toContain(`mc mb --ignore-existing store/${config.storage.bucket}`);
  });

  it("puts every node, on the port it listens on, behind the proxy", () => {
    const nginx = readFileSync(join(deploy, "nginx.conf"), "utf8");
    const upstreams = [...nginx.matchAll(/^\s*server\s+([\w-]+):(\d+)/gm)].map((m) => `${m[1]}:${m[2]}`);
    expect(upstreams).toEqual(nodes.map(([name]) => `${name}:4242`));
    expect(compose.services.proxy?.volumes).toContain("./nginx.conf:/etc/nginx/nginx.conf:ro");
  });
});

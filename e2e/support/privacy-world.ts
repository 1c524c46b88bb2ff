import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { buildWithCph } from "./conda-packages.js";
import type { RunningGatehouse } from "./gatehouse.js";
import { buildPythonPackage, resolvePython } from "./python-packages.js";
import { buildRPackage } from "./r-client.js";

// The world the privacy/blocklist matrix reads: for each repo type one local source, a public and an
// authenticated repo subscribing it; `pub` 1.0 (blocklisted) and 2.0, and `secret` (private, owned by
// owner@example.com); organization acme with groups readers/writers/admins granted on every repo.

/** The four repo types. */
export const REPO_TYPES = ["python", "r", "bioconductor", "conda"] as const;
/** One of REPO_TYPES. */
export type RepoType = (typeof REPO_TYPES)[number];
/** A public repo (anyone reads) or an authenticated one. */
export type Exposure = "open" | "auth";
/** Every kind of viewer the rule distinguishes. */
export const VIEWERS = ["anonymous", "outsider", "reader", "writer", "groupAdmin", "owner", "admin"] as const;
/** One of VIEWERS. */
export type Viewer = (typeof VIEWERS)[number];
/**
 * The package files of the world: pub 2.0 (visible), pub 1.0 (blocklisted by a version range on each
 * repo), secret (private), held (its only version, blocklisted by a rule with neither range nor repo,
 * so it shows the rule in indexes that list only a package's newest version, such as PACKAGES).
 */
export type Item = "pub2" | "pub1" | "secret" | "held";

/** Users behind the viewers' tokens (the global admin uses the server's first token). */
export const VIEWER_USERS: Record<Exclude<Viewer, "anonymous" | "admin">, string> = {
  outsider: "outsider@example.com",
  reader: "r@example.com",
  writer: "w@example.com",
  groupAdmin: "a@example.com",
  owner: "owner@example.com",
};
/** The group each member viewer is in, and the permission that group has on every repo. */
export const GROUPS = [
  { name: "readers", permission: "read", member: "reader" },
  { name: "writers", permission: "write", member: "writer" },
  { name: "admins", permission: "admin", member: "groupAdmin" },
] as const;
/** The reason of every blocklist rule; it must reach the client in a refusal. */
export const BLOCK_REASON = "CVE-2026-0001 test";

/** One built package file. */
export interface BuiltFile {
  name: string;
  version: string;
  path: string;
  filename: string;
  sha256: string;
}

/** One repo type's part of the world. */
export interface TypeFixture {
  type: RepoType;
  source: string;
  repos: Record<Exposure, string>;
  files: Record<Item, BuiltFile>;
  /** The version range of the blocklist rule, in the ecosystem's own syntax. */
  blockedRange: string;
}

/** The whole world, once set up on a server. */
export interface PrivacyWorld {
  types: Record<RepoType, TypeFixture>;
  /** Tokens of every viewer but anonymous (the admin's is the server's first token). */
  tokens: Record<Exclude<Viewer, "anonymous">, string>;
  /** The Bioconductor release the server serves (config.yaml's release_version). */
  biocRelease: string;
  /** What creating each blocklist rule answered (the matrix reports a failure here by name). */
  blocklistResponses: { rule: { name: string; versions?: string; repo?: string; reason: string }; status: number; body: string }[];
}

function describeFile(name: string, version: string, path: string): BuiltFile {
  return { name, version, path, filename: basename(path), sha256: createHash("sha256").update(readFileSync(path)).digest("hex") };
}

type BuiltFiles = Record<"python" | "r" | "conda", Record<Item, BuiltFile>>;
let built: BuiltFiles | undefined;
let builtDir: string | undefined;

/** Removes the files buildPrivacyPackages wrote (call it in a file's last afterAll: every suite of the file shares them). */
export function removePrivacyPackages(): void {
  if (builtDir) rmSync(builtDir, { recursive: true, force: true });
  built = undefined;
  builtDir = undefined;
}

/** Builds every package file once per test process (R CMD build takes seconds; the files never change). */
export function buildPrivacyPackages(): BuiltFiles {
  if (built) return built;
  const dir = mkdtempSync(join(tmpdir(), "gh-privacy-pkgs-"));
  builtDir = dir;
  const python = resolvePython();
  const wheel = (name: string, version: string) => describeFile(name, version, buildPythonPackage(python, dir, { name, version }).wheel.path);
  const rTarball = (name: string, version: string) => describeFile(name, version, buildRPackage(dir, { package: name, version }));
  const conda = (name: string, version: string, format: "conda" | "tar.bz2") =>
    describeFile(name, version, buildWithCph({ name, version, subdir: "noarch", format }, join(dir, `conda-${name}-${version}`)).path);
  // Every file has a version no other file has, so a version string seen in an index names one file.
  built = {
    python: { pub1: wheel("pub", "1.0"), pub2: wheel("pub", "2.0"), secret: wheel("secret", "0.7.3"), held: wheel("held", "5.5") },
    r: { pub1: rTarball("pub", "1.0"), pub2: rTarball("pub", "2.0"), secret: rTarball("secret", "0.7.3"), held: rTarball("held", "5.5") },
    conda: {
      pub1: conda("pub", "1.0", "tar.bz2"),
      pub2: conda("pub", "2.0", "conda"),
      secret: conda("secret", "0.7.3", "tar.bz2"),
      held: conda("held", "5.5", "conda"),
    },
  };
  return built;
}

/** An admin JSON API call that reports its status instead of throwing (the blocklist API may not exist yet). */
export async function callAdminApi(gh: RunningGatehouse, method: string, path: string, body?: unknown): Promise<{ status: number; body: string }> {
  const res = await fetch(`${gh.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${gh.adminToken}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.text() };
}

async function requireAdminApi(gh: RunningGatehouse, method: string, path: string, body?: unknown): Promise<string> {
  const res = await callAdminApi(gh, method, path, body);
  if (res.status < 200 || res.status > 299) throw new Error(`${method} ${path} → ${res.status}: ${res.body}`);
  return res.body;
}

/** Uploads a file into a source through the raw upload API as the admin. */
export async function uploadAsAdmin(gh: RunningGatehouse, source: string, file: BuiltFile): Promise<void> {
  const res = await fetch(`${gh.url}/__api__/sources/${source}/files/${file.filename}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${gh.adminToken}` },
    body: readFileSync(file.path),
  });
  if (res.status !== 201) throw new Error(`upload of ${file.filename} to ${source}: ${res.status} ${await res.text()}`);
}

/** Mints a token through the API as the admin and returns its plaintext. */
export async function mintTokenFor(gh: RunningGatehouse, spec: { user: string; scopes: string; repos?: string[]; sources?: string[] }): Promise<string> {
  const body = await requireAdminApi(gh, "POST", "/__api__/tokens", { description: "privacy matrix", ...spec });
  const token = (JSON.parse(body) as { token?: unknown }).token;
  if (typeof token !== "string") throw new Error(`no token in ${body}`);
  return token;
}

const SHORT: Record<RepoType, string> = { python: "py", r: "r", bioconductor: "bioc", conda: "conda" };
const RANGE: Record<RepoType, string> = { python: "<2", r: "< 2.0", bioconductor: "< 2.0", conda: "<2" };

/**
 * Sets the world up on a running server through the JSON API (the CLI is a client of the same
 * routes; dozens of CLI processes would cost a minute per database variant).
 */
export async function setUpPrivacyWorld(gh: RunningGatehouse): Promise<PrivacyWorld> {
  const files = buildPrivacyPackages();
  const types = Object.fromEntries(
    REPO_TYPES.map((type): [RepoType, TypeFixture] => {
      const short = SHORT[type];
      const fixture: TypeFixture = {
        type,
        source: `${short}-src`,
        repos: { open: `${short}-open`, auth: `${short}-auth` },
        files: type === "bioconductor" ? files.r : files[type === "python" ? "python" : type],
        blockedRange: RANGE[type],
      };
      return [type, fixture];
    }),
  ) as Record<RepoType, TypeFixture>;
  const allRepos = REPO_TYPES.flatMap((t) => [types[t].repos.open, types[t].repos.auth]);

  for (const fx of Object.values(types)) {
    await requireAdminApi(gh, "POST", "/__api__/sources", { name: fx.source, kind: fx.type });
    for (const exposure of ["open", "auth"] as const) {
      await requireAdminApi(gh, "POST", "/__api__/repos", { name: fx.repos[exposure], type: fx.type, authenticated: exposure === "auth" });
      await requireAdminApi(gh, "POST", `/__api__/repos/${fx.repos[exposure]}/subscriptions`, { source: fx.source });
    }
    for (const item of ["pub1", "pub2", "secret", "held"] as const) await uploadAsAdmin(gh, fx.source, fx.files[item]);
    await requireAdminApi(gh, "PUT", `/__api__/sources/${fx.source}/packages/secret/access`, { private: true, owner: VIEWER_USERS.owner });
  }

  await requireAdminApi(gh, "POST", "/__api__/orgs", { name: "acme" });
  for (const group of GROUPS) {
    await requireAdminApi(gh, "POST", "/__api__/orgs/acme/groups", { name: group.name });
    await requireAdminApi(gh, "POST", `/__api__/orgs/acme/groups/${group.name}/members`, { user: VIEWER_USERS[group.member] });
    for (const repo of allRepos) await requireAdminApi(gh, "POST", `/__api__/orgs/acme/groups/${group.name}/grants`, { repo, permission: group.permission });
  }

  const rules: PrivacyWorld["blocklistResponses"][number]["rule"][] = [
    ...Object.values(types).flatMap((fx) => Object.values(fx.repos).map((repo) => ({ name: "pub", versions: fx.blockedRange, repo, reason: BLOCK_REASON }))),
    { name: "held", reason: BLOCK_REASON },
  ];
  const blocklistResponses: PrivacyWorld["blocklistResponses"] = [];
  for (const rule of rules) blocklistResponses.push({ rule, ...(await callAdminApi(gh, "POST", "/__api__/blocklist-rules", rule)) });

  const readAll = (user: string) => mintTokenFor(gh, { user, scopes: "repos:read", repos: allRepos });
  const tokens: PrivacyWorld["tokens"] = {
    outsider: await readAll(VIEWER_USERS.outsider),
    reader: await readAll(VIEWER_USERS.reader),
    writer: await readAll(VIEWER_USERS.writer),
    groupAdmin: await readAll(VIEWER_USERS.groupAdmin),
    owner: await readAll(VIEWER_USERS.owner),
    admin: gh.adminToken,
  };

  const config = await fetch(`${gh.url}/${types.bioconductor.repos.open}/latest/config.yaml`);
  const biocRelease = /^release_version: "([^"]+)"/m.exec(await config.text())?.[1];
  if (!biocRelease) throw new Error(`no release_version in the bioconductor config.yaml (${config.status})`);
  return { types, tokens, biocRelease, blocklistResponses };
}

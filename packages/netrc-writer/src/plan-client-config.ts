import { defaultClientPaths } from "./client-paths.js";
import {
  CLIENT_NAMES,
  type ClientConfigPlan,
  type ClientConfigRequest,
  type ClientName,
  TOKEN_LOGIN,
} from "./client-config-types.js";
import { mergeCondarc } from "./merge-condarc.js";
import { mergeCurlrc } from "./merge-curlrc.js";
import { mergeEnvFile } from "./merge-env-file.js";
import type { MergeOutput } from "./merge-output.js";
import { mergePipConf } from "./merge-pip-conf.js";
import { mergeRProfile } from "./merge-rprofile.js";
import { mergeUvToml } from "./merge-uv-toml.js";
import { validateNetrcValue } from "./netrc-value.js";
import { FilePlan, readFileOrNull } from "./plan-files.js";
import { planNetrcEntry } from "./plan-netrc.js";
import { hostFromUrl, parseRepoUrl, stripTokenSegment } from "./repo-url.js";
import { fail, ok, type Result } from "./result.js";
import { renderTryCommand } from "./try-commands.js";

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const ENV_VAR = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface Context {
  req: ClientConfigRequest;
  url: URL;
  host: string;
  repoName: string;
  platform: NodeJS.Platform;
  paths: ReturnType<typeof defaultClientPaths>;
  netrcFile: string;
  serverNetrcFile: string;
  files: FilePlan;
  notes: string[];
}

/**
 * Computes every file change `gatehouse client-config` makes, reading files but writing none.
 * Running the plan, applying it and planning again yields no changes.
 * @example
 * const plan = planClientConfig({ url: "http://127.0.0.1:4242/pypi/latest/simple/", token, clients: ["pip"], home });
 * if (plan.ok) for (const change of plan.value.changes) console.log(renderDiff(change));
 */
export function planClientConfig(
  req: ClientConfigRequest,
  readFile: (path: string) => string | null = readFileOrNull,
): Result<ClientConfigPlan> {
  const checked = checkRequest(req);
  if (!checked.ok) return checked;
  const { url, host, repoName } = checked.value;
  const platform = req.platform ?? process.platform;
  const paths = defaultClientPaths(req.home, platform, (file) => readFile(file) !== null);
  const ctx: Context = {
    req,
    url,
    host,
    repoName,
    platform,
    paths,
    netrcFile: req.netrcFile ?? paths.netrc,
    serverNetrcFile: req.netrcFile ?? "/etc/netrc",
    files: new FilePlan(readFile),
    notes: [],
  };
  const clients = CLIENT_NAMES.filter((name) => req.clients.includes(name));
  if (req.token === undefined && req.tokenEnv === undefined) {
    ctx.notes.push("No token given: clients are set up for a public repository, without credentials.");
  }
  for (const client of clients) {
    const planned = planClient(client, ctx);
    if (!planned.ok) return planned;
  }
  const tokenEnvOnly = req.token === undefined && req.tokenEnv !== undefined ? req.tokenEnv : null;
  const tryInput = { url: url.href, netrcFile: ctx.netrcFile, serverNetrcFile: ctx.serverNetrcFile, tokenEnvOnly };
  return ok({
    changes: ctx.files.changes(),
    unchanged: ctx.files.unchanged(),
    notes: [...new Set(ctx.notes)],
    tryCommands: clients.map((client) => renderTryCommand(client, tryInput)),
  });
}

function checkRequest(req: ClientConfigRequest): Result<{ url: URL; host: string; repoName: string }> {
  const unknown = req.clients.find((c) => !CLIENT_NAMES.includes(c));
  if (unknown !== undefined) return fail("CLIENT_UNKNOWN", `Unknown client "${unknown}"; use ${CLIENT_NAMES.join(", ")}.`);
  const parsed = parseRepoUrl(req.url);
  if (!parsed.ok) return parsed;
  const url = stripTokenSegment(parsed.value);
  url.search = "";
  url.hash = "";
  const host = hostFromUrl(url.href);
  if (!host.ok) return host;
  if (req.tokenEnv !== undefined && !ENV_VAR.test(req.tokenEnv)) {
    return fail("TOKEN_ENV_INVALID", `"${req.tokenEnv}" is not an environment variable name; use letters, digits and "_".`);
  }
  if (req.token !== undefined) {
    const token = validateNetrcValue(req.token, "password");
    if (!token.ok) return fail(token.error.code, token.error.message.replace("netrc password", "token"));
    if (req.clients.includes("conda") && !/^[A-Za-z0-9._~-]+$/.test(req.token)) {
      return fail("NETRC_UNSAFE_VALUE", "The token has characters that cannot go in a conda /t/<token>/ URL segment.");
    }
  }
  if (req.clients.includes("connect") && req.connectEnvFile === undefined) {
    return fail("CONNECT_ENV_FILE_REQUIRED", "Say which environment file the Connect server reads (connectEnvFile).");
  }
  const repoName = req.repoName ?? defaultRepoName(url);
  if (!NAME.test(repoName)) {
    return fail("CONFIG_UNSUPPORTED", `Repository name "${repoName}" must use only letters, digits, ".", "_" and "-".`);
  }
  return ok({ url, host: host.value, repoName });
}

function defaultRepoName(url: URL): string {
  const first = url.pathname.split("/").find((segment) => segment !== "");
  return first !== undefined && NAME.test(first) ? first : "gatehouse";
}

function writeMerged(ctx: Context, file: string, client: ClientName, secret: boolean, merged: Result<MergeOutput>): Result<void> {
  if (!merged.ok) return fail(merged.error.code, `${file}: ${merged.error.message}`);
  ctx.files.set(file, merged.value.text, client, secret);
  ctx.notes.push(...merged.value.notes);
  return ok(undefined);
}

function planClient(client: ClientName, ctx: Context): Result<void> {
  const { req, files, paths, notes } = ctx;
  const token = req.token;
  const env = req.tokenEnv;
  const needsNetrc = client === "pip" || client === "uv" || client === "r" || client === "curl";
  if (needsNetrc && token !== undefined) {
    const entry = planNetrcEntry(files, ctx.netrcFile, ctx.host, token, notes);
    if (!entry.ok) return entry;
  }
  switch (client) {
    case "pip":
      if (env !== undefined) notes.push(pipEnvNote(ctx, env));
      return writeMerged(ctx, paths.pip, client, false, mergePipConf(files.current(paths.pip), { indexUrl: ctx.url.href }));
    case "uv": {
      if (env !== undefined) notes.push(uvEnvNote(ctx.repoName, env));
      const merged = mergeUvToml(files.current(paths.uv), { name: ctx.repoName, url: ctx.url.href });
      return writeMerged(ctx, paths.uv, client, false, merged);
    }
    case "r": {
      if (env !== undefined) notes.push(netrcOnlyNote("R", ctx.netrcFile, env, token !== undefined));
      const netrcFile = token === undefined ? null : ctx.netrcFile;
      const options = { repoName: ctx.repoName, url: ctx.url.href, netrcFile, platform: ctx.platform };
      return writeMerged(ctx, paths.rprofile, client, false, mergeRProfile(files.current(paths.rprofile), options));
    }
    case "conda": {
      const secretSegment = env !== undefined ? `\${${env}}` : token;
      const channelUrl = secretSegment === undefined ? ctx.url.href : `${ctx.url.origin}/t/${secretSegment}${ctx.url.pathname}`;
      if (env !== undefined) notes.push(`.condarc references \${${env}}; conda expands it, so set ${env} wherever conda runs.`);
      const secret = env === undefined && token !== undefined;
      return writeMerged(ctx, paths.condarc, client, secret, mergeCondarc(files.current(paths.condarc), { channelUrl }));
    }
    case "curl":
      if (env !== undefined) notes.push(netrcOnlyNote("curl", ctx.netrcFile, env, token !== undefined));
      if (token === undefined) return ok(undefined);
      return writeMerged(ctx, paths.curlrc, client, false, mergeCurlrc(files.current(paths.curlrc), { netrcFile: ctx.netrcFile }));
    case "connect":
      return planConnect(ctx);
  }
}

function planConnect(ctx: Context): Result<void> {
  const envFile = ctx.req.connectEnvFile ?? "";
  const token = ctx.req.token;
  if (token !== undefined) {
    const entry = planNetrcEntry(ctx.files, ctx.serverNetrcFile, ctx.host, token, ctx.notes);
    if (!entry.ok) return entry;
    ctx.notes.push(
      `${ctx.serverNetrcFile} is written with mode 0600: make it owned by the user the Connect server runs content as.`,
    );
  }
  if (ctx.req.tokenEnv !== undefined) {
    ctx.notes.push(netrcOnlyNote("The Connect server", ctx.serverNetrcFile, ctx.req.tokenEnv, token !== undefined));
  }
  const merged = mergeEnvFile(ctx.files.current(envFile), { NETRC: ctx.serverNetrcFile });
  return writeMerged(ctx, envFile, "connect", false, merged);
}

function netrcOnlyNote(who: string, netrcFile: string, env: string, hasToken: boolean): string {
  return hasToken
    ? `${who} reads credentials only from a netrc file, which cannot reference $${env}: ${netrcFile} holds the token itself.`
    : `${who} reads credentials only from a netrc file, which cannot reference $${env}: run again with the token to write ${netrcFile}.`;
}

function pipEnvNote(ctx: Context, env: string): string {
  const withCredentials = `${ctx.url.protocol}//${TOKEN_LOGIN}:\${${env}}@${ctx.url.host}${ctx.url.pathname}`;
  return (
    `pip cannot expand environment variables in pip.conf; it reads the token from ${ctx.netrcFile}, ` +
    `or set it per shell with: export PIP_INDEX_URL="${withCredentials}"`
  );
}

function uvEnvNote(name: string, env: string): string {
  const prefix = `UV_INDEX_${name.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
  return `uv reads index credentials from the environment: export ${prefix}_USERNAME=${TOKEN_LOGIN} ${prefix}_PASSWORD="$${env}"`;
}

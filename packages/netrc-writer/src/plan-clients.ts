import type { ClientPaths } from "./client-paths.js";
import { type ClientConfigRequest, type ClientName, type RepoKind, TOKEN_LOGIN } from "./client-config-types.js";
import { mergeCondarc } from "./merge-condarc.js";
import { mergeCurlrc } from "./merge-curlrc.js";
import { mergeEnvFile } from "./merge-env-file.js";
import type { MergeOutput } from "./merge-output.js";
import { mergePipConf } from "./merge-pip-conf.js";
import { mergeRProfile, type RAuth } from "./merge-rprofile.js";
import { mergeUvToml } from "./merge-uv-toml.js";
import type { FilePlan } from "./plan-files.js";
import { planNetrcEntry } from "./plan-netrc.js";
import { fail, ok, type Result } from "./result.js";
import { quoteShellWord, renderTryCommand } from "./try-commands.js";

/** A repo checked for planning: its name in client files, kind, URL (no token segment) and netrc host. */
export interface TargetRepo {
  name: string;
  kind: RepoKind;
  url: URL;
  host: string;
}

/** Everything one planning run shares between clients. */
export interface PlanContext {
  req: ClientConfigRequest;
  targets: TargetRepo[];
  platform: NodeJS.Platform;
  paths: ClientPaths;
  netrcFile: string;
  serverNetrcFile: string;
  files: FilePlan;
  notes: string[];
  tryCommands: string[];
}

/** Which repo kinds each client installs from (`any` = a URL typed by hand, for every client). */
const KINDS_OF: Record<ClientName, readonly RepoKind[]> = {
  pip: ["python", "any"],
  uv: ["python", "any"],
  r: ["r", "any"],
  bioc: ["bioconductor", "any"],
  conda: ["conda", "any"],
  curl: ["python", "r", "bioconductor", "conda", "any"],
  connect: ["python", "r", "bioconductor", "conda", "any"],
};

const TYPE_OF: Record<ClientName, string> = {
  pip: "python",
  uv: "python",
  r: "r",
  bioc: "bioconductor",
  conda: "conda",
  curl: "any",
  connect: "any",
};

function targetsFor(client: ClientName, ctx: PlanContext): Result<TargetRepo[]> {
  const found = ctx.targets.filter((t) => KINDS_OF[client].includes(t.kind));
  if (found.length > 0) return ok(found);
  const given = ctx.targets.map((t) => `${t.name} (${t.kind})`).join(", ");
  const hint = client === "r" && ctx.targets.some((t) => t.kind === "bioconductor") ? "; Bioconductor repos are configured with --for bioc" : "";
  return fail("REPO_KIND_MISSING", `--for ${client} needs a repo of type ${TYPE_OF[client]}, and ${given} has none${hint}.`);
}

function writeMerged(ctx: PlanContext, file: string, client: ClientName, secret: boolean, merged: Result<MergeOutput>): Result<void> {
  if (!merged.ok) return fail(merged.error.code, `${file}: ${merged.error.message}`);
  ctx.files.set(file, merged.value.text, client, secret);
  ctx.notes.push(...merged.value.notes);
  return ok(undefined);
}

function planNetrc(ctx: PlanContext, file: string, targets: readonly TargetRepo[]): Result<void> {
  const token = ctx.req.token;
  if (token === undefined) return ok(undefined);
  for (const host of new Set(targets.map((t) => t.host))) {
    const entry = planNetrcEntry(ctx.files, file, host, token, ctx.notes, ctx.req.replaceToken ?? false);
    if (!entry.ok) return entry;
  }
  return ok(undefined);
}

function tryInput(ctx: PlanContext, url: URL) {
  const tokenEnvOnly = ctx.req.token === undefined && ctx.req.tokenEnv !== undefined ? ctx.req.tokenEnv : null;
  return { url: url.href, netrcFile: ctx.netrcFile, serverNetrcFile: ctx.serverNetrcFile, tokenEnvOnly };
}

function firstOnly(ctx: PlanContext, client: string, targets: readonly TargetRepo[]): TargetRepo {
  const [first, ...more] = targets as [TargetRepo, ...TargetRepo[]];
  if (more.length > 0) {
    ctx.notes.push(`${client} takes one index: it uses ${first.name}; ${more.map((t) => t.name).join(", ")} ${more.length === 1 ? "is" : "are"} not written for it.`);
  }
  return first;
}

/** Plans one client's files (and the netrc entries it needs). */
export function planClient(client: ClientName, ctx: PlanContext): Result<void> {
  const targets = targetsFor(client, ctx);
  if (!targets.ok) return targets;
  const repos = targets.value;
  if (client === "connect") return planConnect(ctx, repos);
  const netrc = planNetrc(ctx, ctx.netrcFile, repos);
  if (!netrc.ok) return netrc;
  const { req, files, paths, notes } = ctx;
  const env = req.tokenEnv;
  const first = repos[0] as TargetRepo;
  switch (client) {
    case "pip": {
      const repo = firstOnly(ctx, "pip", repos);
      if (env !== undefined) notes.push(pipEnvNote(ctx, repo.url, env));
      ctx.tryCommands.push(renderTryCommand("pip", tryInput(ctx, repo.url)));
      return writeMerged(ctx, paths.pip, client, false, mergePipConf(files.current(paths.pip), { indexUrl: repo.url.href }));
    }
    case "uv": {
      for (const repo of repos) {
        if (env !== undefined) notes.push(uvEnvNote(repo.name, env));
        const merged = writeMerged(ctx, paths.uv, client, false, mergeUvToml(files.current(paths.uv), { name: repo.name, url: repo.url.href }));
        if (!merged.ok) return merged;
      }
      ctx.tryCommands.push(renderTryCommand("uv", tryInput(ctx, first.url)));
      return ok(undefined);
    }
    case "r":
    case "bioc":
      return planRProfile(ctx, client, repos);
    case "conda": {
      for (const repo of repos) {
        const secretSegment = env !== undefined ? `\${${env}}` : req.token;
        const channelUrl = secretSegment === undefined ? repo.url.href : `${repo.url.origin}/t/${secretSegment}${repo.url.pathname}`;
        const secret = env === undefined && req.token !== undefined;
        const merged = writeMerged(ctx, paths.condarc, client, secret, mergeCondarc(files.current(paths.condarc), { channelUrl }));
        if (!merged.ok) return merged;
      }
      if (env !== undefined) notes.push(`.condarc references \${${env}}; conda expands it, so set ${env} wherever conda runs.`);
      ctx.tryCommands.push(renderTryCommand("conda", tryInput(ctx, first.url)));
      return ok(undefined);
    }
    case "curl":
      if (env !== undefined) notes.push(netrcOnlyNote("curl", ctx.netrcFile, env, req.token !== undefined));
      ctx.tryCommands.push(renderTryCommand("curl", tryInput(ctx, first.url)));
      if (req.token === undefined) return ok(undefined);
      return writeMerged(ctx, paths.curlrc, client, false, mergeCurlrc(files.current(paths.curlrc), { netrcFile: ctx.netrcFile }));
  }
}

function rAuth(ctx: PlanContext, host: string): RAuth | undefined {
  if (ctx.req.tokenEnv !== undefined) return { kind: "env", variable: ctx.req.tokenEnv, host };
  return ctx.req.token !== undefined ? { kind: "netrc", netrcFile: ctx.netrcFile } : undefined;
}

function planRProfile(ctx: PlanContext, client: "r" | "bioc", repos: readonly TargetRepo[]): Result<void> {
  const { paths, files, req } = ctx;
  const first = repos[0] as TargetRepo;
  const auth = rAuth(ctx, first.host);
  if (req.tokenEnv !== undefined) {
    ctx.notes.push(`R reads $${req.tokenEnv} when it starts and writes a session-only netrc from it: set ${req.tokenEnv} wherever R runs.`);
  }
  if (client === "r") {
    const merged = mergeRProfile(files.current(paths.rprofile), {
      repos: repos.map((r) => ({ name: r.name, url: r.url.href.replace(/\/$/, "") })),
      ...(auth ? { auth } : {}),
      platform: ctx.platform,
    });
    ctx.tryCommands.push(`Rscript -e 'install.packages("<package>")'`);
    return writeMerged(ctx, paths.rprofile, "r", false, merged);
  }
  const repo = firstOnly(ctx, "BiocManager", repos);
  const config = req.biocConfig;
  if (config === undefined) {
    return fail("CONFIG_UNSUPPORTED", `--for bioc needs ${repo.name}'s config.yaml (biocConfig), which BiocManager reads through BIOCONDUCTOR_CONFIG_FILE.`);
  }
  const wrote = writeMerged(ctx, config.path, "bioc", false, { ok: true, value: { text: config.text, notes: [] } });
  if (!wrote.ok) return wrote;
  const mirror = repo.url.href.replace(/\/$/, "");
  const merged = mergeRProfile(files.current(paths.rprofile), { bioc: { configFile: config.path, mirror }, ...(auth ? { auth } : {}), platform: ctx.platform });
  ctx.tryCommands.push(`Rscript -e 'BiocManager::install("<package>")'`);
  return writeMerged(ctx, paths.rprofile, "bioc", false, merged);
}

function planConnect(ctx: PlanContext, repos: readonly TargetRepo[]): Result<void> {
  const { req, files, notes } = ctx;
  const target = req.connect ?? { envFile: req.connectEnvFile ?? "", runAsHome: null, pipConf: null, pipTimeout: 60 };
  const netrc = planNetrc(ctx, ctx.serverNetrcFile, repos);
  if (!netrc.ok) return netrc;
  if (req.token !== undefined) {
    notes.push(`${ctx.serverNetrcFile} is written with mode 0600: make it owned by the user the Connect server runs content as.`);
  }
  if (req.tokenEnv !== undefined) notes.push(netrcOnlyNote("The Connect server (R, pip and curl)", ctx.serverNetrcFile, req.tokenEnv, req.token !== undefined));
  const env = writeMerged(ctx, target.envFile, "connect", false, mergeEnvFile(files.current(target.envFile), { NETRC: ctx.serverNetrcFile }));
  if (!env.ok) return env;
  if (target.runAsHome !== null) {
    const curlrc = `${target.runAsHome.replace(/\/$/, "")}/.curlrc`;
    // --fail: R's curl method then reports a 401 or 404 instead of installing an error page.
    const merged = mergeCurlrc(files.current(curlrc), { netrcFile: ctx.serverNetrcFile });
    const withFail = merged.ok && !/^\s*(--)?fail\s*$/m.test(merged.value.text) ? { ok: true as const, value: { text: `${merged.value.text}--fail\n`, notes: merged.value.notes } } : merged;
    const wrote = writeMerged(ctx, curlrc, "connect", false, withFail);
    if (!wrote.ok) return wrote;
  }
  const python = repos.find((r) => r.kind === "python" || r.kind === "any");
  if (target.pipConf !== null && python === undefined) notes.push(`No python repo named: ${target.pipConf} is left as it is.`);
  if (target.pipConf !== null && python !== undefined) {
    const options = { indexUrl: python.url.href, trustedHost: python.host, timeout: target.pipTimeout };
    const wrote = writeMerged(ctx, target.pipConf, "connect", false, mergePipConf(files.current(target.pipConf), options));
    if (!wrote.ok) return wrote;
  }
  const r = repos.find((repo) => repo.kind === "r");
  if (r !== undefined) {
    notes.push(`In Connect's configuration, set [RPackageRepository "CRAN"] URL = ${r.url.href.replace(/\/$/, "")} (R downloads with curl, which reads ${ctx.serverNetrcFile}).`);
  }
  const first = repos[0] as TargetRepo;
  const check = python ?? first;
  ctx.tryCommands.push(`curl --fail --silent --show-error --netrc-file ${quoteShellWord(ctx.serverNetrcFile)} ${quoteShellWord(checkUrl(check))}`);
  return ok(undefined);
}

/** A URL under the repo that answers 200 when the token reads it (a repo's root is not a page). */
export function checkUrl(repo: { kind: RepoKind; url: URL }): string {
  const base = repo.url.href.replace(/\/$/, "");
  switch (repo.kind) {
    case "python":
    case "any":
      return repo.url.href;
    case "r":
      return `${base}/src/contrib/PACKAGES`;
    case "bioconductor":
      return `${base}/config.yaml`;
    case "conda":
      return `${base}/noarch/repodata.json`;
  }
}

function netrcOnlyNote(who: string, netrcFile: string, env: string, hasToken: boolean): string {
  return hasToken
    ? `${who} reads credentials only from a netrc file, which cannot reference $${env}: ${netrcFile} holds the token itself.`
    : `${who} reads credentials only from a netrc file, which cannot reference $${env}: run again with --token to write ${netrcFile}.`;
}

function pipEnvNote(ctx: PlanContext, url: URL, env: string): string {
  const withCredentials = `${url.protocol}//${TOKEN_LOGIN}:\${${env}}@${url.host}${url.pathname}`;
  return (
    `pip cannot expand environment variables in pip.conf; it reads the token from ${ctx.netrcFile}, ` +
    `or set it per shell with: export PIP_INDEX_URL="${withCredentials}"`
  );
}

function uvEnvNote(name: string, env: string): string {
  const prefix = `UV_INDEX_${name.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
  return `uv reads index credentials from the environment: export ${prefix}_USERNAME=${TOKEN_LOGIN} ${prefix}_PASSWORD="$${env}"`;
}

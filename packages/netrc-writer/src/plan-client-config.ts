import { defaultClientPaths } from "./client-paths.js";
import { CLIENT_NAMES, type ClientConfigPlan, type ClientConfigRequest, type ClientName, type RepoTarget } from "./client-config-types.js";
import { validateNetrcValue } from "./netrc-value.js";
import { type PlanContext, planClient, type TargetRepo } from "./plan-clients.js";
import { FilePlan, readFileOrNull } from "./plan-files.js";
import { hostFromUrl, parseRepoUrl, stripTokenSegment } from "./repo-url.js";
import { fail, ok, type Result } from "./result.js";

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const ENV_VAR = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Computes every file change `gatehouse client-config` makes, reading files but writing none.
 * Each client gets the repos of its kind; running the plan, applying it and planning again yields no changes.
 * @example
 * const plan = planClientConfig({ repos: [{ name: "pypi", kind: "python", url }], token, clients: ["pip"], home });
 * if (plan.ok) for (const change of plan.value.changes) console.log(renderDiff(change));
 */
export function planClientConfig(
  req: ClientConfigRequest,
  readFile: (path: string) => string | null = readFileOrNull,
): Result<ClientConfigPlan> {
  const checked = checkRequest(req);
  if (!checked.ok) return checked;
  const platform = req.platform ?? process.platform;
  const paths = defaultClientPaths(req.home, platform, (file) => readFile(file) !== null);
  const ctx: PlanContext = {
    req,
    targets: checked.value,
    platform,
    paths,
    netrcFile: req.netrcFile ?? paths.netrc,
    serverNetrcFile: req.serverNetrcFile ?? (req.clients.includes("connect") && req.netrcFile ? req.netrcFile : "/etc/netrc"),
    files: new FilePlan(readFile),
    notes: [],
    tryCommands: [],
  };
  if (req.token === undefined && req.tokenEnv === undefined) {
    ctx.notes.push("No token given: clients are set up for a public repository, without credentials.");
  }
  const clients = CLIENT_NAMES.filter((name) => req.clients.includes(name));
  for (const client of clients) {
    const planned = planClient(client, ctx);
    if (!planned.ok) return planned;
  }
  if (req.tokenEnv !== undefined) ctx.notes.push(tokenEnvSummary(req.tokenEnv, clients));
  return ok({ changes: ctx.files.changes(), unchanged: ctx.files.unchanged(), notes: [...new Set(ctx.notes)], tryCommands: ctx.tryCommands });
}

function checkTarget(target: RepoTarget, repoName: string | undefined): Result<TargetRepo> {
  const parsed = parseRepoUrl(target.url);
  if (!parsed.ok) return parsed;
  const url = stripTokenSegment(parsed.value);
  url.search = "";
  url.hash = "";
  const host = hostFromUrl(url.href);
  if (!host.ok) return host;
  const name = repoName ?? (target.name || defaultRepoName(url));
  if (!NAME.test(name)) return fail("CONFIG_UNSUPPORTED", `Repository name "${name}" must use only letters, digits, ".", "_" and "-".`);
  return ok({ name, kind: target.kind, url, host: host.value });
}

function defaultRepoName(url: URL): string {
  const first = url.pathname.split("/").find((segment) => segment !== "");
  return first !== undefined && NAME.test(first) ? first : "gatehouse";
}

function checkRequest(req: ClientConfigRequest): Result<TargetRepo[]> {
  const unknown = req.clients.find((c) => !CLIENT_NAMES.includes(c));
  if (unknown !== undefined) return fail("CLIENT_UNKNOWN", `Unknown client "${unknown}"; use ${CLIENT_NAMES.join(", ")}.`);
  const asked: RepoTarget[] = [...(req.repos ?? [])];
  // A URL typed by hand is named after its first path segment, once parsed.
  if (req.url !== undefined) asked.push({ name: "", kind: "any", url: req.url });
  if (asked.length === 0) return fail("URL_INVALID", "Name a repo or give its URL.");
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
  if (req.clients.includes("connect") && req.connectEnvFile === undefined && req.connect === undefined) {
    return fail("CONNECT_ENV_FILE_REQUIRED", "Say which environment file the Connect server reads (connectEnvFile).");
  }
  const targets: TargetRepo[] = [];
  for (const target of asked) {
    const checked = checkTarget(target, asked.length === 1 ? req.repoName : undefined);
    if (!checked.ok) return checked;
    targets.push(checked.value);
  }
  return ok(targets);
}

/** Clients whose files can name an environment variable for the token, and how. */
const READS_ENV: Partial<Record<ClientName, string>> = { conda: ".condarc (the channel's /t/ segment)", r: "the R profile (Sys.getenv)", bioc: "the R profile (Sys.getenv)" };

/** One line saying exactly which clients reference the variable and which cannot. */
function tokenEnvSummary(variable: string, clients: readonly ClientName[]): string {
  const can = [...new Set(clients.filter((c) => READS_ENV[c] !== undefined).map((c) => `${c === "bioc" ? "BiocManager" : c} in ${READS_ENV[c]}`))];
  const cannot = clients.filter((c) => READS_ENV[c] === undefined);
  const parts = [can.length > 0 ? `$${variable} is referenced by ${can.join(", ")}` : `no chosen client can reference $${variable} from its files`];
  if (cannot.length > 0) parts.push(`${cannot.join(", ")} cannot read it from their files (netrc holds no variables; uv wants its own UV_INDEX_* names): they need the token in netrc (--token)`);
  return `${parts.join("; ")}.`;
}

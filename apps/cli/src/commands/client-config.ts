import { homedir, userInfo } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { ops } from "@gatehouse/api-contract";
import {
  type ClientConfigRequest,
  CLIENT_NAMES,
  type ClientName,
  type RepoTarget,
  defaultNetrcPath,
  planAndApplyClientConfig,
  planClientConfig,
  renderDiff,
} from "@gatehouse/netrc-writer";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../base-command.js";
import { CliError } from "../cli-error.js";
import { fetchBiocConfig } from "../client-setup/bioc-config-file.js";
import { parseClients, parseRepoNames, USER_NETRC_CLIENTS } from "../client-setup/client-list.js";
import { decideNetrc } from "../client-setup/netrc-conflict.js";
import { resolveRepoTargets } from "../client-setup/repo-targets.js";
import { clientBaseUrl } from "../client-setup/server-address.js";
import { reposTokenCannotRead } from "../client-setup/token-probe.js";

const FIELD_OF_ERROR: Record<string, string> = {
  NETRC_UNSAFE_VALUE: "token",
  URL_INVALID: "url",
  CONNECT_ENV_FILE_REQUIRED: "connect-env-file",
  TOKEN_ENV_INVALID: "token-env",
  CLIENT_UNKNOWN: "for",
  REPO_KIND_MISSING: "for",
};

/** The repo a hand-typed URL names: its first path segment after any `/t/<token>/`. */
function repoOfUrl(url: string): string {
  let segments: string[] = [];
  try {
    segments = new URL(url).pathname.split("/").filter(Boolean);
  } catch {
    // Reported below by the planner, naming the URL.
  }
  const repo = segments[0] === "t" ? segments[2] : segments[0];
  if (!repo) throw new CliError(`cannot tell the repo from '${url}': pass --token, or name the repo with --repo`, { code: "INVALID_INPUT", field: "url" });
  return repo;
}

/** `gatehouse client-config`: write netrc, .curlrc, pip.conf, uv.toml, .condarc, R profile, Connect files. */
export default class ClientConfig extends BaseCommand<typeof ClientConfig> {
  static override summary = "Configure pip, uv, R, BiocManager, conda, curl or a Posit Connect server to install from repos with one token";
  static override description =
    "Each client gets the URL of the named repos of its type (asked from the server). The token is checked against every repo before anything is written. netrc keeps one token per host: when it already holds another token that reads repos this one does not, nothing is replaced unless --mint-token mints one token covering them all.";
  static override examples = [
    "gatehouse client-config --repo pypi --token $TOKEN --for pip,curl",
    "gatehouse client-config --repo cran,bioc --token $TOKEN --for r,bioc",
    "gatehouse client-config --repo pypi,cran --token $TOKEN --for connect --root /tmp/connect-root",
    "gatehouse client-config --repo channel --token-env GATEHOUSE_TOKEN --for conda",
    "gatehouse client-config --url http://127.0.0.1:4242/pypi/latest/simple/ --token $TOKEN --for pip",
  ];
  static override flags = {
    repo: Flags.string({ description: "repos to install from, comma separated (their types and URLs come from the server)", exclusive: ["url"] }),
    url: Flags.string({ description: "a repository URL typed by hand, given to every client" }),
    token: Flags.string({ description: "token to write (default: mint a repos:read token for the repos)", exclusive: ["token-env"] }),
    "token-env": Flags.string({ description: "write references to this environment variable instead of the secret, where the client supports it" }),
    "mint-token": Flags.boolean({ description: "when the netrc holds another token for the host, mint one repos:read token covering its repos and these", default: false }),
    for: Flags.string({ description: `clients to configure, comma separated: ${CLIENT_NAMES.join(",")}`, required: true }),
    "netrc-file": Flags.string({ description: "netrc file to edit (default ~/.netrc)" }),
    root: Flags.string({ description: "write every file under this folder instead of / (to try a set-up, or for tests)" }),
    "dry-run": Flags.boolean({ description: "print what would change (secrets masked) and change nothing", default: false }),
    home: Flags.string({ description: "home folder whose files to edit", default: homedir() }),
    "repo-name": Flags.string({ description: "name of the index in uv.toml / of the repo in R's repos option (one repo)" }),
    "connect-env-file": Flags.string({ description: "environment file of the Connect service (--for connect)", default: "/etc/default/rstudio-connect" }),
    "run-as-home": Flags.string({ description: "home folder of Connect's RunAs user, which gets .curlrc (--for connect)", default: "/home/rstudio-connect" }),
    "pip-timeout": Flags.integer({ description: "pip timeout in seconds written to /etc/pip.conf (--for connect)", default: 60, min: 1 }),
    user: Flags.string({ description: "user a minted token acts for (default: you)" }),
  };

  private async mintToken(repos: readonly string[]): Promise<string> {
    const api = await this.api();
    const who = await api.op(ops.account.whoami, {});
    const body = {
      scopes: "repos:read",
      repos: repos.join(","),
      description: `client-config for ${repos.join(", ")}`,
      user: this.flags.user ?? who.user ?? userInfo().username,
    };
    const created = await api.op(ops.tokens.create, { body });
    this.note(`minted a repos:read token for ${repos.length === 1 ? "repo" : "repos"} ${repos.map((r) => `'${r}'`).join(", ")} (${created.display})`);
    return created.token;
  }

  async run(): Promise<void> {
    const f = this.flags;
    const clients = parseClients(f.for);
    if (!f.repo && !f.url) throw new CliError("say which repos clients install from: --repo NAME[,NAME…] (or --url for a URL typed by hand)", { code: "INVALID_INPUT", field: "repo" });
    const root = f.root ? resolve(f.root) : undefined;
    const under = (path: string) => (root === undefined ? path : join(root, isAbsolute(path) ? path : resolve(path)));
    const home = under(f.home);
    const envToken = f["token-env"] ? process.env[f["token-env"]]?.trim() || undefined : undefined;

    let targets: RepoTarget[];
    if (f.repo) {
      const base = await clientBaseUrl(f.address, f.data, process.env);
      targets = (await resolveRepoTargets(await this.api(), base, parseRepoNames(f.repo), f.token ?? envToken)).targets;
    } else {
      targets = [{ name: "", kind: "any", url: f.url as string }];
    }
    const base = new URL(targets[0]?.url ?? "http://127.0.0.1").origin;
    let token = f.token ?? (f["token-env"] || f["dry-run"] ? undefined : await this.mintToken(f.repo ? targets.map((t) => t.name) : [repoOfUrl(f.url as string)]));

    if (f.repo) {
      const probe = token ?? envToken;
      if (f["token-env"] && probe === undefined) this.note(`note: $${f["token-env"]} is not set here, so the repos were not checked with it`);
      else if (f["dry-run"] && probe === undefined) this.note("note: no token given with --dry-run, so the repos were not checked");
      else await this.refuseUnreadable(targets, probe);
    }

    const netrcFile = f["netrc-file"] ? under(f["netrc-file"]) : defaultNetrcPath(home);
    const serverNetrcFile = under("/etc/netrc");
    let replaceToken = false;
    if (token !== undefined && f.repo) {
      const host = new URL(base).hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
      const files = [...(clients.some((c) => USER_NETRC_CLIENTS.includes(c)) ? [netrcFile] : []), ...(clients.includes("connect") ? [serverNetrcFile] : [])];
      for (const file of files) {
        const decision = await decideNetrc({ netrcFile: file, host, base, token, targets, mint: f["mint-token"] });
        if (decision.kind === "mint") {
          token = await this.mintToken(decision.repos);
          await this.refuseUnreadable(targets, token);
        }
        if (decision.kind !== "none") replaceToken = true;
      }
    }

    const bioc = clients.includes("bioc") ? targets.find((t) => t.kind === "bioconductor" || t.kind === "any") : undefined;
    const request: ClientConfigRequest = {
      ...(f.repo ? { repos: targets } : { url: f.url as string }),
      clients,
      home,
      netrcFile,
      serverNetrcFile,
      replaceToken,
      ...(token ? { token } : {}),
      ...(f["token-env"] ? { tokenEnv: f["token-env"] } : {}),
      ...(f["repo-name"] ? { repoName: f["repo-name"] } : {}),
      ...(bioc ? { biocConfig: await fetchBiocConfig(home, bioc, token ?? envToken) } : {}),
      connect: { envFile: under(f["connect-env-file"]), runAsHome: under(f["run-as-home"]), pipConf: under("/etc/pip.conf"), pipTimeout: f["pip-timeout"] },
    };
    await this.report(request, clients);
  }

  private async refuseUnreadable(targets: readonly RepoTarget[], token: string | undefined): Promise<void> {
    const denied = await reposTokenCannotRead(targets, token);
    if (denied.length === 0) return;
    const what = token === undefined ? "without a token" : "with this token";
    throw new CliError(`cannot read ${denied.length === 1 ? "repo" : "repos"} ${denied.map((d) => `'${d}'`).join(", ")} ${what}; nothing was written`, {
      code: "INVALID_INPUT",
      field: "token",
      hint: `use a token that reads them all (gatehouse create token --scope repos:read --repos ${targets.map((t) => t.name).join(",")} …), or leave out --token to mint one`,
    });
  }

  private async report(request: ClientConfigRequest, clients: readonly ClientName[]): Promise<void> {
    const f = this.flags;
    // Writing plans again under a lock on every file it touches, so concurrent runs keep each other's entries.
    const plan = f["dry-run"] ? planClientConfig(request) : await planAndApplyClientConfig(request);
    if (!plan.ok) {
      const field = FIELD_OF_ERROR[plan.error.code];
      const hint = plan.error.code === "NETRC_TOKEN_CONFLICT" ? "name the repos with --repo and add --mint-token to mint one token covering them all" : undefined;
      throw new CliError(plan.error.message, { code: "INVALID_INPUT", ...(field ? { field } : {}), ...(hint ? { hint } : {}) });
    }
    const p = plan.value;
    if (this.json) {
      return this.printJson({
        dryRun: f["dry-run"],
        clients,
        written: f["dry-run"] ? [] : p.changes.map((c) => c.path),
        wouldWrite: f["dry-run"] ? p.changes.map((c) => c.path) : [],
        unchanged: p.unchanged,
        notes: p.notes,
        tryCommands: p.tryCommands,
      });
    }
    if (f["dry-run"]) {
      for (const change of p.changes) this.out(renderDiff(change));
      if (p.changes.length === 0) this.note("nothing would change: every file already holds this configuration");
    } else {
      for (const change of p.changes) this.note(`wrote ${change.path}${change.secret ? " (0600, holds the token)" : ""}`);
      if (p.changes.length === 0) this.note("nothing to change: every file already holds this configuration");
    }
    for (const path of p.unchanged) this.note(`unchanged ${path}`);
    for (const note of p.notes) this.note(`note: ${note}`);
    if (p.tryCommands.length) this.note(`try:\n${p.tryCommands.map((c) => `  ${c}`).join("\n")}`);
  }
}

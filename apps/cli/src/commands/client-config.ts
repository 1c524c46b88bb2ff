import { homedir, userInfo } from "node:os";
import { type ClientName, CLIENT_NAMES, applyClientConfig, planClientConfig, renderDiff } from "@gatehouse/netrc-writer";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../base-command.js";
import { CliError } from "../cli-error.js";

const FIELD_OF_ERROR: Record<string, string> = {
  NETRC_UNSAFE_VALUE: "token",
  URL_INVALID: "url",
  CONNECT_ENV_FILE_REQUIRED: "connect-env-file",
  TOKEN_ENV_INVALID: "token-env",
  CLIENT_UNKNOWN: "for",
};

function parseClients(text: string): ClientName[] {
  const names = text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const n of names) {
    if (!CLIENT_NAMES.includes(n as ClientName)) {
      throw new CliError(`unknown client '${n}': use any of ${CLIENT_NAMES.join(", ")}`, { code: "INVALID_INPUT", field: "for" });
    }
  }
  if (names.length === 0) throw new CliError(`name at least one client: ${CLIENT_NAMES.join(", ")}`, { code: "INVALID_INPUT", field: "for" });
  return names as ClientName[];
}

function repoOf(url: string): string | undefined {
  try {
    const segments = new URL(url).pathname.split("/").filter(Boolean);
    const first = segments[0] === "t" ? segments[2] : segments[0];
    return first;
  } catch {
    return undefined;
  }
}

/** `gatehouse client-config`: write netrc, .curlrc, pip.conf, uv.toml, .condarc, R profile, Connect env. */
export default class ClientConfig extends BaseCommand<typeof ClientConfig> {
  static override summary = "Configure pip, uv, R, conda, curl or a Connect server to install from a repo with a token";
  static override examples = [
    "gatehouse client-config --url http://127.0.0.1:4242/pypi/latest/simple/ --token $TOKEN --for pip,curl",
    "gatehouse client-config --url http://127.0.0.1:4242/cran/latest --for r --dry-run",
    "gatehouse client-config --url http://127.0.0.1:4242/conda --token-env GATEHOUSE_TOKEN --for conda",
  ];
  static override flags = {
    url: Flags.string({ description: "repository URL clients should use", required: true }),
    token: Flags.string({ description: "token to write (default: mint a repos:read token for the repo)", exclusive: ["token-env"] }),
    "token-env": Flags.string({ description: "write references to this environment variable instead of the secret, where the client supports it" }),
    for: Flags.string({ description: `clients to configure, comma separated: ${CLIENT_NAMES.join(",")}`, required: true }),
    "netrc-file": Flags.string({ description: "netrc file to edit (default ~/.netrc; /etc/netrc for connect)" }),
    "dry-run": Flags.boolean({ description: "print what would change (secrets masked) and change nothing", default: false }),
    home: Flags.string({ description: "home folder whose files to edit", default: homedir() }),
    "repo-name": Flags.string({ description: "name of the index in uv.toml / of the repo in R's repos option" }),
    "connect-env-file": Flags.string({ description: "environment file of a Connect-style server (with --for connect)" }),
    user: Flags.string({ description: "user a minted token acts for (default: you)" }),
  };

  private async mintToken(url: string): Promise<string> {
    const repo = repoOf(url);
    if (!repo) throw new CliError(`cannot tell the repo from '${url}': pass --token`, { code: "INVALID_INPUT", field: "url" });
    const api = await this.api();
    const who = await api.call<{ user: string | null }>("GET", "/__api__/whoami");
    const created = await api.call<{ token: string; display: string }>("POST", "/__api__/tokens", {
      scopes: "repos:read",
      repos: repo,
      description: `client-config for ${new URL(url).host}`,
      user: this.flags.user ?? who.user ?? userInfo().username,
    });
    this.note(`minted a repos:read token for repo '${repo}' (${created.display})`);
    return created.token;
  }

  async run(): Promise<void> {
    const f = this.flags;
    const clients = parseClients(f.for);
    const token = f.token ?? (f["token-env"] || f["dry-run"] ? undefined : await this.mintToken(f.url));
    const plan = planClientConfig({
      url: f.url,
      clients,
      home: f.home,
      ...(token ? { token } : {}),
      ...(f["token-env"] ? { tokenEnv: f["token-env"] } : {}),
      ...(f["netrc-file"] ? { netrcFile: f["netrc-file"] } : {}),
      ...(f["repo-name"] ? { repoName: f["repo-name"] } : {}),
      ...(f["connect-env-file"] ? { connectEnvFile: f["connect-env-file"] } : {}),
    });
    if (!plan.ok) {
      const field = FIELD_OF_ERROR[plan.error.code];
      throw new CliError(plan.error.message, { code: "INVALID_INPUT", ...(field ? { field } : {}) });
    }
    const p = plan.value;
    if (this.json) {
      if (!f["dry-run"]) await applyClientConfig(p);
      return this.printJson({
        dryRun: f["dry-run"],
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
      await applyClientConfig(p);
      for (const change of p.changes) this.note(`wrote ${change.path}${change.secret ? " (0600, holds the token)" : ""}`);
      if (p.changes.length === 0) this.note("nothing to change: every file already holds this configuration");
    }
    for (const path of p.unchanged) this.note(`unchanged ${path}`);
    for (const note of p.notes) this.note(`note: ${note}`);
    if (p.tryCommands.length) this.note(`try:\n${p.tryCommands.map((c) => `  ${c}`).join("\n")}`);
  }
}

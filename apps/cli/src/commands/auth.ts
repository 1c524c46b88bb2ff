import { ops } from "@gatehouse/api-contract";
import { parseScopeList, scopeStyle } from "@gatehouse/scope-engine";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../base-command.js";
import { CliError } from "../cli-error.js";
import { renderTable } from "../output/table.js";

const ACTIONS = ["create", "list", "remove"];

/** `gatehouse auth`: named Anaconda-style tokens (create, list, remove), as `anaconda auth` does. */
export default class Auth extends BaseCommand<typeof Auth> {
  static override summary = "Create, list or remove named Anaconda-style tokens";
  static override examples = [
    "gatehouse auth --create --name laptop --scopes 'repos conda:download'",
    "gatehouse auth --create --name ci --scopes pypi:download --max-age 30d --user ci@example.com",
    "gatehouse auth --list --user alice",
    "gatehouse auth --remove laptop",
    "gatehouse auth -c -n laptop -s 'repos conda:download'   # anaconda auth's short forms; -r NAME removes",
  ];
  static override flags = {
    create: Flags.boolean({ char: "c", description: "create a token (prints it once)", exactlyOne: ACTIONS }),
    list: Flags.boolean({ char: "l", description: "list your Anaconda-style tokens", exactlyOne: ACTIONS }),
    remove: Flags.string({ char: "r", description: "revoke the token with this name", exactlyOne: ACTIONS }),
    name: Flags.string({ char: "n", description: "name of the new token (unique among your live tokens)" }),
    scopes: Flags.string({ char: "s", description: "space separated scopes: all, api, api:read, api:write, api:modify-group, conda, conda:download, pypi, pypi:download, pypi:upload, repos" }),
    "max-age": Flags.string({ description: "lifetime: 45s, 5m, 12h, 30d or never (default one year)" }),
    org: Flags.string({ description: "organization the token is for" }),
    user: Flags.string({ description: "whose tokens (default: the user of GATEHOUSE_TOKEN; required in local mode)" }),
    description: Flags.string({ description: "what the token is for (default: its name)" }),
  };

  async run(): Promise<void> {
    const f = this.flags;
    if (f.create) return this.create();
    if (f.list) return this.list();
    if (f.remove !== undefined) return this.remove(f.remove);
  }

  /** The user the tokens belong to: --user, else the caller's own (remote mode). */
  private async targetUser(): Promise<string> {
    if (this.flags.user) return this.flags.user;
    const who = await (await this.api()).op(ops.account.whoami, {});
    if (who.user) return who.user;
    throw new CliError("say whose tokens these are with --user (local mode acts for no user of its own)", { code: "INVALID_INPUT", field: "user" });
  }

  private async create(): Promise<void> {
    const f = this.flags;
    if (!f.name) throw new CliError("a name is required to create a token", { code: "INVALID_INPUT", field: "name" });
    if (!f.scopes) throw new CliError("scopes are required, e.g. --scopes 'repos conda:download'", { code: "INVALID_INPUT", field: "scopes" });
    const scopes = parseScopeList(f.scopes);
    if (scopeStyle(scopes) === "posit") {
      throw new CliError(`'${f.scopes}' are Posit-style scopes; gatehouse auth makes Anaconda-style tokens`, {
        code: "INVALID_INPUT",
        field: "scopes",
        hint: "use gatehouse create token for Posit-style scopes",
      });
    }
    const user = await this.targetUser();
    const body = {
      scopes,
      name: f.name,
      user,
      description: f.description ?? `Anaconda-style token '${f.name}'`,
      ...(f["max-age"] !== undefined ? { expires: f["max-age"] } : {}),
      ...(f.org !== undefined ? { org: f.org } : {}),
    };
    const created = await (await this.api()).op(ops.tokens.create, { body });
    if (this.json) return this.printJson(created);
    this.out(created.token);
    this.note(
      [
        "",
        "This token is shown only once: store it now.",
        `name:    ${created.name ?? f.name}`,
        `user:    ${created.user}`,
        `scopes:  ${created.scopes.join(" ")}`,
        `expires: ${created.expiresAt ?? "never"}`,
      ].join("\n"),
    );
  }

  private async list(): Promise<void> {
    const query = { style: "anaconda", user: await this.targetUser() } as const;
    const { tokens } = await (await this.api()).op(ops.tokens.list, { query });
    if (this.json) return this.printJson(tokens);
    if (tokens.length === 0) return this.note("no Anaconda-style tokens; create one with `gatehouse auth --create`");
    this.out(
      renderTable(
        ["NAME", "SCOPES", "EXPIRES", "TOKEN", "GUID"],
        tokens.map((t) => [t.name ?? "-", t.scopes.join(" "), t.expiresAt ?? "never", t.display, t.guid]),
      ),
    );
  }

  private async remove(name: string): Promise<void> {
    const body = { name, user: await this.targetUser() };
    const revoked = await (await this.api()).op(ops.tokens.revoke, { body });
    if (this.json) return this.printJson(revoked);
    this.note(`removed token '${name}' of ${revoked.user} (${revoked.display})`);
  }
}

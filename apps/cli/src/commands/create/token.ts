import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../../base-command.js";
import { unknownNameNotes } from "../../client/unknown-names.js";
import { formatList } from "../../output/table.js";

/** `gatehouse create token`: mint a Posit-style token. */
export default class CreateToken extends BaseCommand<typeof CreateToken> {
  static override summary = "Create an API token (its plaintext is shown once)";
  static override examples = [
    "gatehouse create token --scope repos:read --repos pypi --description 'CI installs' --user ci@example.com",
    "TOKEN=$(gatehouse create token --scope sources:write --sources internal --expires 30d --description publish --user alice --quiet)",
  ];
  static override flags = {
    scope: Flags.string({ description: "scope(s): repeat the flag or separate by spaces/commas", required: true, multiple: true }),
    repos: Flags.string({ description: "repos the token may read: a,b or *" }),
    sources: Flags.string({ description: "sources the token may write: a,b or *" }),
    expires: Flags.string({ description: "lifetime: 45s, 5m, 12h, 30d or never", default: "never" }),
    description: Flags.string({ description: "what the token is for (required, at most 500 characters)", required: true }),
    user: Flags.string({ description: "username or email the token acts for", required: true }),
    quiet: Flags.boolean({ char: "q", description: "print only the token on stdout", default: false }),
  };

  async run(): Promise<void> {
    const f = this.flags;
    const api = await this.api();
    const body = {
      scopes: f.scope.join(" "),
      ...(f.repos !== undefined ? { repos: f.repos } : {}),
      ...(f.sources !== undefined ? { sources: f.sources } : {}),
      expires: f.expires,
      description: f.description,
      user: f.user,
    };
    const created = await api.op(ops.tokens.create, { body });
    if (f.quiet) {
      this.out(created.token);
      return;
    }
    if (this.json) {
      this.printJson(created);
      return;
    }
    this.out(created.token);
    this.note(
      [
        "",
        "This token is shown only once: store it now (for example in a netrc file: gatehouse client-config).",
        `guid:        ${created.guid}`,
        `user:        ${created.user}`,
        `scopes:      ${created.scopes.join(" ")}`,
        `repos:       ${formatList(created.repos)}`,
        `sources:     ${formatList(created.sources)}`,
        `expires:     ${created.expiresAt ?? "never"}`,
        `description: ${created.description}`,
      ].join("\n"),
    );
    // Only in the talkative mode: --quiet promises nothing but the token.
    for (const note of await unknownNameNotes(api, { repos: f.repos, sources: f.sources })) this.note(note);
  }
}

import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../../base-command.js";
import { formatList, renderTable } from "../../output/table.js";

/** `gatehouse list tokens`. */
export default class ListTokens extends BaseCommand<typeof ListTokens> {
  static override summary = "List tokens (active ones unless --expired / --revoked)";
  static override flags = {
    expired: Flags.boolean({ description: "include expired tokens", default: false }),
    revoked: Flags.boolean({ description: "include revoked tokens", default: false }),
  };

  async run(): Promise<void> {
    const api = await this.api();
    const query = { expired: this.flags.expired ? "true" : undefined, revoked: this.flags.revoked ? "true" : undefined } as const;
    const { tokens } = await api.op(ops.tokens.list, { query });
    if (this.json) {
      this.printJson(tokens);
      return;
    }
    if (tokens.length === 0) {
      this.note("no tokens; create one with `gatehouse create token`");
      return;
    }
    this.out(
      renderTable(
        ["GUID", "TOKEN", "USER", "SCOPES", "REPOS", "SOURCES", "EXPIRES", "STATUS", "DESCRIPTION"],
        tokens.map((t) => [
          t.guid,
          t.display,
          t.user,
          t.scopes.join(" "),
          formatList(t.repos),
          formatList(t.sources),
          t.expiresAt ?? "never",
          t.expiresSoon ? `${t.status} (expires within 7 days)` : t.status,
          t.description,
        ]),
      ),
    );
  }
}

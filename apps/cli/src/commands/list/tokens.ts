import type { TokenInfo } from "@gatehouse/domain";
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
    const query = new URLSearchParams();
    if (this.flags.expired) query.set("expired", "true");
    if (this.flags.revoked) query.set("revoked", "true");
    const { tokens } = await api.call<{ tokens: TokenInfo[] }>("GET", `/__api__/tokens?${query}`);
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

import { ops } from "@gatehouse/api-contract";
import { BaseCommand } from "../base-command.js";
import { formatList } from "../output/table.js";

/** `gatehouse whoami`: who the CLI's credentials are and what the token may do. */
export default class WhoAmI extends BaseCommand<typeof WhoAmI> {
  static override summary = "Show who you are to the server: user, token, scopes, repos, sources and expiry";
  static override examples = ["GATEHOUSE_ADDRESS=http://127.0.0.1:4242 GATEHOUSE_TOKEN=gth-… gatehouse whoami"];

  async run(): Promise<void> {
    const me = await (await this.api()).op(ops.account.whoami, {});
    if (this.json) return this.printJson(me);
    if (me.kind === "local") return this.out("local operator on the server machine (acts as global:admin; no token)");
    const t = me.token;
    if (me.kind === "anonymous" || t === null) {
      return this.out("anonymous: no token presented; set GATEHOUSE_TOKEN to act as a user");
    }
    const lines = [
      `user:     ${me.user ?? "-"}`,
      `token:    ${t.display} (guid ${t.guid}${t.name ? `, name ${t.name}` : ""})`,
      `scopes:   ${t.scopes.join(" ")}`,
      `repos:    ${formatList(t.repos)}`,
      `sources:  ${formatList(t.sources)}`,
      `expires:  ${t.expiresAt ?? "never"}${t.expiresSoon ? "  (expires within 7 days: create a new token)" : ""}`,
    ];
    this.out(lines.join("\n"));
    if (t.expiresSoon) this.note(`warning: this token expires at ${t.expiresAt}; mint a replacement before then`);
  }
}

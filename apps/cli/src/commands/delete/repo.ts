import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../../base-command.js";

/** `gatehouse delete repo`. */
export default class DeleteRepo extends BaseCommand<typeof DeleteRepo> {
  static override summary = "Delete a repository (its sources and their files stay)";
  static override description = "Its subscriptions, group grants and repo-scoped blocklist rules go with it. Tokens whose --repos names it are listed: they would read a new repo of the same name.";
  static override examples = ["gatehouse delete repo --name scratch"];
  static override flags = {
    name: Flags.string({ description: "repo name", required: true }),
  };

  async run(): Promise<void> {
    const gone = await (await this.api()).op(ops.repos.delete, { params: { name: this.flags.name } });
    if (this.json) return this.printJson(gone);
    const took = [`${gone.grants} group grant(s)`, `${gone.blocklistRules} blocklist rule(s)`].join(", ");
    this.note(`deleted repo '${gone.name}' with ${took}; sources kept: ${gone.sources.join(", ") || "none"}`);
    if (gone.tokensNamingIt.length > 0) {
      this.note(`warning: ${gone.tokensNamingIt.length} live token(s) still name '${gone.name}' in --repos (${gone.tokensNamingIt.join(", ")}): revoke them with \`gatehouse revoke token\` before reusing the name`);
    }
  }
}

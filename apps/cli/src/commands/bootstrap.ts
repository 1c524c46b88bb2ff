import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../base-command.js";

/** `gatehouse bootstrap`: the first admin token, on the server machine only. */
export default class Bootstrap extends BaseCommand<typeof Bootstrap> {
  static override summary = "Create the first global:admin token (only on the server machine)";
  static override flags = {
    force: Flags.boolean({ description: "mint another admin token even though one exists", default: false }),
    user: Flags.string({ description: "user the token acts for", default: "admin" }),
    quiet: Flags.boolean({ char: "q", description: "print only the token", default: false }),
  };

  protected override localOnly = true;

  async run(): Promise<void> {
    const api = await this.api();
    const created = await api.op(ops.system.bootstrap, { body: { force: this.flags.force, user: this.flags.user } });
    if (this.json) return this.printJson(created);
    this.out(created.token);
    if (!this.flags.quiet) this.note(`global:admin token for ${created.user} (guid ${created.guid}); it is shown only once.`);
  }
}

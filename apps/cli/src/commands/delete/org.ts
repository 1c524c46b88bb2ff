import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../../base-command.js";

/** `gatehouse delete org`. */
export default class DeleteOrg extends BaseCommand<typeof DeleteOrg> {
  static override summary = "Delete an organization with its groups, memberships and grants";
  static override examples = ["gatehouse delete org --name data-science"];
  static override flags = { name: Flags.string({ description: "organization", required: true }) };

  async run(): Promise<void> {
    const result = await (await this.api()).op(ops.identity.deleteOrg, { params: { org: this.flags.name } });
    if (this.json) return this.printJson(result);
    this.note(`deleted organization ${result.deleted}`);
  }
}

import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../../base-command.js";

/** `gatehouse delete group`. */
export default class DeleteGroup extends BaseCommand<typeof DeleteGroup> {
  static override summary = "Delete a group with its memberships and grants";
  static override examples = ["gatehouse delete group --org data-science --name analysts"];
  static override flags = {
    org: Flags.string({ description: "organization", required: true }),
    name: Flags.string({ description: "group name", required: true }),
  };

  async run(): Promise<void> {
    const f = this.flags;
    const result = await (await this.api()).op(ops.identity.deleteGroup, { params: { org: f.org, group: f.name } });
    if (this.json) return this.printJson(result);
    this.note(`deleted group ${result.deleted}`);
  }
}

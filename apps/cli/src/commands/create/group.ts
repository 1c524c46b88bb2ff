import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../../base-command.js";

/** `gatehouse create group`. */
export default class CreateGroup extends BaseCommand<typeof CreateGroup> {
  static override summary = "Create a group in an organization";
  static override examples = ["gatehouse create group --org data-science --name analysts"];
  static override flags = {
    org: Flags.string({ description: "organization", required: true }),
    name: Flags.string({ description: "group name", required: true }),
  };

  async run(): Promise<void> {
    const f = this.flags;
    const group = await (await this.api()).op(ops.identity.createGroup, { params: { org: f.org }, body: { name: f.name } });
    if (this.json) return this.printJson(group);
    this.note(`created group ${group.org}/${group.name}; add people with \`gatehouse add member --org ${group.org} --group ${group.name} --user U\``);
  }
}

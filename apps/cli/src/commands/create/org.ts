import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../../base-command.js";

/** `gatehouse create org`. */
export default class CreateOrg extends BaseCommand<typeof CreateOrg> {
  static override summary = "Create an organization";
  static override examples = ["gatehouse create org --name data-science --owner alice@example.com"];
  static override flags = {
    name: Flags.string({ description: "organization name", required: true }),
    owner: Flags.string({ description: "user to make its first owner" }),
  };

  async run(): Promise<void> {
    const f = this.flags;
    const org = await (await this.api()).op(ops.identity.createOrg, { body: { name: f.name, ...(f.owner ? { owner: f.owner } : {}) } });
    if (this.json) return this.printJson(org);
    this.note(`created organization ${org.name}${f.owner ? ` (owner ${f.owner})` : ""}`);
  }
}

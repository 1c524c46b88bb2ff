import { ops } from "@gatehouse/api-contract";
import { BaseCommand } from "../../base-command.js";
import { renderTable } from "../../output/table.js";

/** `gatehouse list orgs`. */
export default class ListOrgs extends BaseCommand<typeof ListOrgs> {
  static override summary = "List organizations (all with api:read, else your own)";

  async run(): Promise<void> {
    const { orgs } = await (await this.api()).op(ops.identity.listOrgs, {});
    if (this.json) return this.printJson(orgs);
    if (orgs.length === 0) return this.note("no organizations; create one with `gatehouse create org`");
    this.out(renderTable(["NAME", "MEMBERS", "GROUPS", "CREATED"], orgs.map((o) => [o.name, String(o.members), String(o.groups), o.createdAt])));
  }
}

import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../../base-command.js";
import { renderTable } from "../../output/table.js";

/** `gatehouse list groups`. */
export default class ListGroups extends BaseCommand<typeof ListGroups> {
  static override summary = "List the groups of an organization with their members and grants";
  static override examples = ["gatehouse list groups --org data-science"];
  static override flags = { org: Flags.string({ description: "organization", required: true }) };

  async run(): Promise<void> {
    const { groups } = await (await this.api()).op(ops.identity.listGroups, { params: { org: this.flags.org } });
    if (this.json) return this.printJson(groups);
    if (groups.length === 0) return this.note(`organization ${this.flags.org} has no groups; create one with \`gatehouse create group\``);
    this.out(
      renderTable(
        ["GROUP", "MEMBERS", "GRANTS"],
        groups.map((g) => [
          g.name,
          g.members.map((m) => m.user).join(",") || "-",
          g.grants.map((x) => `${x.permission}:${x.repo}${x.package ? `/${x.package}` : ""}`).join(",") || "-",
        ]),
      ),
    );
  }
}

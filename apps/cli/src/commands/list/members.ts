import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../../base-command.js";
import { renderTable } from "../../output/table.js";

/** `gatehouse list members`. */
export default class ListMembers extends BaseCommand<typeof ListMembers> {
  static override summary = "List the members of an organization (with their groups), or of one group";
  static override examples = ["gatehouse list members --org data-science", "gatehouse list members --org data-science --group analysts"];
  static override flags = {
    org: Flags.string({ description: "organization", required: true }),
    group: Flags.string({ description: "only this group" }),
  };

  async run(): Promise<void> {
    const f = this.flags;
    const api = await this.api();
    if (f.group) {
      const group = await api.op(ops.identity.getGroup, { params: { org: f.org, group: f.group } });
      if (this.json) return this.printJson(group.members);
      if (group.members.length === 0) return this.note(`group ${group.org}/${group.name} has no members`);
      return this.out(renderTable(["USER"], group.members.map((m) => [m.user])));
    }
    const detail = await api.op(ops.identity.getOrg, { params: { org: f.org } });
    const rows = detail.memberList.map((m) => ({
      ...m,
      groups: detail.groupList.filter((g) => g.members.some((x) => x.user === m.user)).map((g) => g.name),
    }));
    if (this.json) return this.printJson(rows);
    if (rows.length === 0) return this.note(`organization ${detail.name} has no members`);
    this.out(renderTable(["USER", "ROLE", "GROUPS"], rows.map((r) => [r.user, r.role, r.groups.join(",") || "-"])));
  }
}

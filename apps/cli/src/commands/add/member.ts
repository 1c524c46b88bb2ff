import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../../base-command.js";

/** `gatehouse add member`. */
export default class AddMember extends BaseCommand<typeof AddMember> {
  static override summary = "Add a user to an organization, or to a group of it (which adds them to the organization too)";
  static override examples = [
    "gatehouse add member --org data-science --group analysts --user alice@example.com",
    "gatehouse add member --org data-science --user bob --role owner",
  ];
  static override flags = {
    org: Flags.string({ description: "organization", required: true }),
    group: Flags.string({ description: "group of the organization", exclusive: ["role"] }),
    user: Flags.string({ description: "username or email", required: true }),
    role: Flags.string({ description: "role in the organization", options: ["owner", "member"] }),
  };

  async run(): Promise<void> {
    const f = this.flags;
    const api = await this.api();
    if (f.group) {
      const group = await api.op(ops.identity.addGroupMember, { params: { org: f.org, group: f.group }, body: { user: f.user } });
      if (this.json) return this.printJson(group);
      return this.note(`${f.user} is in group ${group.org}/${group.name} (${group.members.length} member(s))`);
    }
    const role = f.role === "owner" || f.role === "member" ? f.role : undefined;
    const detail = await api.op(ops.identity.addOrgMember, { params: { org: f.org }, body: { user: f.user, ...(role ? { role } : {}) } });
    if (this.json) return this.printJson(detail);
    const now = detail.memberList.find((m) => m.user === f.user)?.role ?? role ?? "member";
    this.note(`${f.user} is a${now === "owner" ? "n owner" : " member"} of organization ${detail.name}`);
  }
}

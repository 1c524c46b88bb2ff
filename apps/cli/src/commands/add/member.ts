import type { GroupInfo, OrgDetail } from "@gatehouse/domain";
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
    const org = encodeURIComponent(f.org);
    if (f.group) {
      const group = await api.call<GroupInfo>("POST", `/__api__/orgs/${org}/groups/${encodeURIComponent(f.group)}/members`, { user: f.user });
      if (this.json) return this.printJson(group);
      return this.note(`${f.user} is in group ${group.org}/${group.name} (${group.members.length} member(s))`);
    }
    const detail = await api.call<OrgDetail>("POST", `/__api__/orgs/${org}/members`, { user: f.user, ...(f.role ? { role: f.role } : {}) });
    if (this.json) return this.printJson(detail);
    const role = detail.memberList.find((m) => m.user === f.user)?.role ?? f.role ?? "member";
    this.note(`${f.user} is a${role === "owner" ? "n owner" : " member"} of organization ${detail.name}`);
  }
}

import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../../base-command.js";

/** `gatehouse delete member`. */
export default class DeleteMember extends BaseCommand<typeof DeleteMember> {
  static override summary = "Remove a user from a group, or from an organization and all its groups";
  static override examples = [
    "gatehouse delete member --org data-science --group analysts --user alice@example.com",
    "gatehouse delete member --org data-science --user alice@example.com",
  ];
  static override flags = {
    org: Flags.string({ description: "organization", required: true }),
    group: Flags.string({ description: "only from this group (the user stays in the organization)" }),
    user: Flags.string({ description: "username or email", required: true }),
  };

  async run(): Promise<void> {
    const f = this.flags;
    const api = await this.api();
    const result = f.group
      ? await api.op(ops.identity.removeGroupMember, { params: { org: f.org, group: f.group, user: f.user } })
      : await api.op(ops.identity.removeOrgMember, { params: { org: f.org, user: f.user } });
    if (this.json) return this.printJson(result);
    this.note(`removed ${f.user} from ${f.group ? `group ${f.org}/${f.group}` : `organization ${f.org} and its groups`}`);
  }
}

import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../../base-command.js";

/** `gatehouse delete grant`. */
export default class DeleteGrant extends BaseCommand<typeof DeleteGrant> {
  static override summary = "Withdraw a group's grant on a repo (or on one package of it)";
  static override examples = ["gatehouse delete grant --org data-science --group analysts --repo pypi --package secret-sauce"];
  static override flags = {
    org: Flags.string({ description: "organization", required: true }),
    group: Flags.string({ description: "group", required: true }),
    repo: Flags.string({ description: "repo", required: true }),
    package: Flags.string({ description: "the package the grant is on (leave out for a grant on the whole repo)" }),
  };

  async run(): Promise<void> {
    const f = this.flags;
    const group = await (await this.api()).op(ops.identity.revokeGrant, { params: { org: f.org, group: f.group }, query: { repo: f.repo, package: f.package } });
    if (this.json) return this.printJson(group);
    this.note(`group ${group.org}/${group.name} no longer has a grant on ${f.package ? `package ${f.package} of ` : ""}repo ${f.repo}`);
  }
}

import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../base-command.js";

/** `gatehouse grant`. */
export default class Grant extends BaseCommand<typeof Grant> {
  static override summary = "Grant a group read, write or admin on a repo, or on one package of it";
  static override examples = [
    "gatehouse grant --org data-science --group analysts --repo pypi --package secret-sauce --permission read",
    "gatehouse grant --org data-science --group admins --repo conda-internal --permission admin",
  ];
  static override flags = {
    org: Flags.string({ description: "organization", required: true }),
    group: Flags.string({ description: "group", required: true }),
    repo: Flags.string({ description: "repo", required: true }),
    package: Flags.string({ description: "only this package of the repo" }),
    permission: Flags.string({ description: "what the group may do", options: ["read", "write", "admin"], required: true }),
  };

  async run(): Promise<void> {
    const f = this.flags;
    const group = await (await this.api()).op(ops.identity.grant, {
      params: { org: f.org, group: f.group },
      body: { repo: f.repo, permission: f.permission, ...(f.package ? { package: f.package } : {}) },
    });
    if (this.json) return this.printJson(group);
    this.note(`group ${group.org}/${group.name} may ${f.permission} ${f.package ? `package ${f.package} of ` : ""}repo ${f.repo}`);
  }
}

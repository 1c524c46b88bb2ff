import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../../base-command.js";
import { describeRule } from "../../output/blocklist-text.js";

/** `gatehouse create blocklist-rule`. */
export default class CreateBlocklistRule extends BaseCommand<typeof CreateBlocklistRule> {
  static override summary = "Block a package (a version range, one repo) from every index, snapshot and download";
  static override examples = [
    'gatehouse create blocklist-rule --name requests --versions "<2.32" --repo pypi --reason "CVE-2024-35195"',
    'gatehouse create blocklist-rule --name BiocGenerics --versions "(>= 0.40)" --repo bioc --reason "broken build"',
    'gatehouse create blocklist-rule --name leftpad --reason "withdrawn upstream"',
  ];
  static override flags = {
    name: Flags.string({ description: "package name", required: true }),
    versions: Flags.string({ description: "version range in the repo's ecosystem syntax (PEP 440, R, conda); omitted: every version" }),
    repo: Flags.string({ description: "repo the rule applies to; omitted: every repo (then --versions must be valid in every ecosystem)" }),
    reason: Flags.string({ description: "why (clients see it when a download is refused)", required: true }),
  };

  async run(): Promise<void> {
    const f = this.flags;
    const body = { name: f.name, reason: f.reason, ...(f.versions !== undefined ? { versions: f.versions } : {}), ...(f.repo !== undefined ? { repo: f.repo } : {}) };
    const rule = await (await this.api()).op(ops.policy.createBlocklistRule, { body });
    if (this.json) return this.printJson(rule);
    this.out(rule.id);
    this.note(`blocked ${describeRule(rule)}; undo with: gatehouse delete blocklist-rule --id ${rule.id}`);
  }
}

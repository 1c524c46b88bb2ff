import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../../base-command.js";
import { describeRule } from "../../output/blocklist-text.js";

/** `gatehouse delete blocklist-rule`. */
export default class DeleteBlocklistRule extends BaseCommand<typeof DeleteBlocklistRule> {
  static override summary = "Delete a blocklist rule (kept in history); the files it hid are served again";
  static override examples = ["gatehouse delete blocklist-rule --id blk_7k2m9x4q1c8v3b5n"];
  static override flags = { id: Flags.string({ description: "rule id (see `gatehouse list blocklist-rules`)", required: true }) };

  async run(): Promise<void> {
    const { deleted } = await (await this.api()).op(ops.policy.deleteBlocklistRule, { params: { id: this.flags.id } });
    if (this.json) return this.printJson(deleted);
    this.note(`deleted blocklist rule ${deleted.id}: ${describeRule(deleted)} is served again`);
  }
}

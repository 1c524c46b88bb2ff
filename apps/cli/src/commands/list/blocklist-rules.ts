import { ops } from "@gatehouse/api-contract";
import { BaseCommand } from "../../base-command.js";
import { renderRuleTable } from "../../output/blocklist-text.js";

/** `gatehouse list blocklist-rules`. */
export default class ListBlocklistRules extends BaseCommand<typeof ListBlocklistRules> {
  static override summary = "List the blocklist rules in force (needs blocklist:read)";

  async run(): Promise<void> {
    const { rules } = await (await this.api()).op(ops.policy.listBlocklistRules, {});
    if (this.json) return this.printJson(rules);
    if (rules.length === 0) return this.note("no blocklist rules; create one with `gatehouse create blocklist-rule --name P --reason TEXT`");
    this.out(renderRuleTable(rules));
  }
}

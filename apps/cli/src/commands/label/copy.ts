import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../../base-command.js";

/** `gatehouse label copy`: `anaconda label --copy FROM TO` for one source. */
export default class LabelCopyCommand extends BaseCommand<typeof LabelCopyCommand> {
  static override summary = "Give every conda file carrying one label another label too (they keep the first)";
  static override examples = ["gatehouse label copy --source conda-internal --from dev --to main"];
  static override flags = {
    source: Flags.string({ description: "conda source", required: true }),
    from: Flags.string({ description: "label whose files to copy", required: true }),
    to: Flags.string({ description: "label to give them", required: true }),
  };

  async run(): Promise<void> {
    const f = this.flags;
    const copy = await (await this.api()).op(ops.files.copyLabel, { params: { source: f.source }, body: { from: f.from, to: f.to } });
    if (this.json) return this.printJson(copy);
    const already = copy.alreadyThere > 0 ? ` (${copy.alreadyThere} already had it)` : "";
    this.note(`labelled ${copy.copied.length} file(s) of '${copy.source}' '${copy.to}' as well as '${copy.from}'${already}`);
    for (const name of copy.copied) this.out(name);
  }
}

import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../../base-command.js";
import { describeLabelChange } from "../../client/label-request.js";

/** `gatehouse label move`: move a conda file from one label to another in one step. */
export default class LabelMove extends BaseCommand<typeof LabelMove> {
  static override summary = "Move a conda file to another label (without --from: add the label)";
  static override examples = [
    "gatehouse label move --source conda-internal --file app-1.0-0.conda --from dev --to main",
    "gatehouse label move --source conda-internal --file app-1.0-0.conda --to rc",
  ];
  static override flags = {
    source: Flags.string({ description: "conda source holding the file", required: true }),
    file: Flags.string({ description: "package filename, e.g. app-1.0-0.conda", required: true }),
    from: Flags.string({ description: "label to take away (left out: keep every current label)" }),
    to: Flags.string({ description: "label to give, e.g. main or dev", required: true }),
  };

  async run(): Promise<void> {
    const f = this.flags;
    const body = { add: [f.to], ...(f.from !== undefined ? { remove: [f.from] } : {}) };
    const change = await (await this.api()).op(ops.files.editLabels, { params: { source: f.source, filename: f.file }, body });
    if (this.json) return this.printJson(change);
    this.note(describeLabelChange(change));
  }
}

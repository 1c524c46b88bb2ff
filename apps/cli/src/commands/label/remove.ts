import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../../base-command.js";
import { describeLabelChange } from "../../client/label-request.js";

/** `gatehouse label remove`: take a label away from a conda file (it keeps its others). */
export default class LabelRemove extends BaseCommand<typeof LabelRemove> {
  static override summary = "Take a label away from a conda file (a file keeps at least one label)";
  static override examples = ["gatehouse label remove --source conda-internal --file app-1.0-0.conda --label dev"];
  static override flags = {
    source: Flags.string({ description: "conda source holding the file", required: true }),
    file: Flags.string({ description: "package filename, e.g. app-1.0-0.conda", required: true }),
    label: Flags.string({ description: "label to take away", required: true }),
  };

  async run(): Promise<void> {
    const f = this.flags;
    const change = await (await this.api()).op(ops.files.editLabels, { params: { source: f.source, filename: f.file }, body: { remove: [f.label] } });
    if (this.json) return this.printJson(change);
    this.note(describeLabelChange(change));
  }
}

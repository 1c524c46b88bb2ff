import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../../base-command.js";
import { renderTable } from "../../output/table.js";

/** `gatehouse label list`: a conda file's labels, or (without --file) every label of the source. */
export default class LabelList extends BaseCommand<typeof LabelList> {
  static override summary = "List the labels of a conda file, or of a whole source with file counts";
  static override examples = ["gatehouse label list --source conda-internal --file app-1.0-0.conda", "gatehouse label list --source conda-internal"];
  static override flags = {
    source: Flags.string({ description: "conda source", required: true }),
    file: Flags.string({ description: "package filename (left out: every label of the source)" }),
  };

  async run(): Promise<void> {
    const f = this.flags;
    const api = await this.api();
    if (f.file !== undefined) {
      const { labels } = await api.op(ops.files.fileLabels, { params: { source: f.source, filename: f.file } });
      if (this.json) return this.printJson(labels);
      return this.out(renderTable(["LABEL", "SINCE"], labels.map((l) => [l.label, l.addedAt])));
    }
    const { labels } = await api.op(ops.files.sourceLabels, { params: { source: f.source } });
    if (this.json) return this.printJson(labels);
    if (labels.length === 0) return this.note(`no labelled files in '${f.source}'; upload with \`gatehouse add --source ${f.source} --path FILE\``);
    this.out(renderTable(["LABEL", "FILES"], labels.map((l) => [l.label, String(l.files)])));
  }
}

import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../base-command.js";

/** `gatehouse remove`. */
export default class Remove extends BaseCommand<typeof Remove> {
  static override summary = "Remove a package (or one version) from a source; dated snapshots keep serving it";
  static override examples = ["gatehouse remove --source internal --name mypkg --version 1.0"];
  static override flags = {
    source: Flags.string({ description: "source name", required: true }),
    name: Flags.string({ description: "package name", required: true }),
    version: Flags.string({ description: "only this version" }),
  };

  async run(): Promise<void> {
    const f = this.flags;
    const result = await (await this.api()).op(ops.files.removePackage, { params: { source: f.source, name: f.name }, query: { version: f.version } });
    if (this.json) return this.printJson(result);
    this.note(`removed ${result.removed.length} file(s): ${result.removed.join(", ")}`);
  }
}

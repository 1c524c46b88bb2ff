import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../../base-command.js";

/** `gatehouse delete source`. */
export default class DeleteSource extends BaseCommand<typeof DeleteSource> {
  static override summary = "Delete a source that no repo serves and that never held a file";
  static override description =
    "A filename is never reused in a source, even after removal, so a source that ever held a file is kept (refused with the count); unsubscribe it from every repo to stop serving it.";
  static override examples = ["gatehouse delete source --name scratch"];
  static override flags = {
    name: Flags.string({ description: "source name", required: true }),
  };

  async run(): Promise<void> {
    const gone = await (await this.api()).op(ops.sources.delete, { params: { name: this.flags.name } });
    if (this.json) return this.printJson(gone);
    this.note(`deleted ${gone.kind} source '${gone.name}'`);
  }
}

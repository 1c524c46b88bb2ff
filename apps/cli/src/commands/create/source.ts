import type { SourceInfo } from "@gatehouse/domain";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../../base-command.js";

/** `gatehouse create source`. */
export default class CreateSource extends BaseCommand<typeof CreateSource> {
  static override summary = "Create a local source that takes uploads";
  static override examples = ["gatehouse create source --name internal --kind python"];
  static override flags = {
    name: Flags.string({ description: "source name", required: true }),
    kind: Flags.string({ description: "kind of packages it holds", options: ["python", "r", "bioconductor", "conda"], required: true }),
  };

  async run(): Promise<void> {
    const source = await (await this.api()).call<SourceInfo>("POST", "/__api__/sources", { name: this.flags.name, kind: this.flags.kind });
    if (this.json) return this.printJson(source);
    this.note(`created ${source.kind} source '${source.name}'; upload with: gatehouse add --source ${source.name} --path FILE`);
  }
}

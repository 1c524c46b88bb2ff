import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../base-command.js";

/** `gatehouse subscribe`. */
export default class Subscribe extends BaseCommand<typeof Subscribe> {
  static override summary = "Make a repository serve a source (after the sources it already has)";
  static override examples = ["gatehouse subscribe --repo pypi-internal --source internal"];
  static override flags = {
    repo: Flags.string({ description: "repo name", required: true }),
    source: Flags.string({ description: "source name", required: true }),
  };

  async run(): Promise<void> {
    const repo = await (await this.api()).op(ops.repos.subscribe, { params: { name: this.flags.repo }, body: { source: this.flags.source } });
    if (this.json) return this.printJson(repo);
    this.note(`repo '${repo.name}' now serves: ${repo.sources.join(" > ")} (first wins)`);
  }
}

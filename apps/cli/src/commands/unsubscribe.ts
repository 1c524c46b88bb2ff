import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../base-command.js";

/** `gatehouse unsubscribe`. */
export default class Unsubscribe extends BaseCommand<typeof Unsubscribe> {
  static override summary = "Stop a repository serving a source (the source and its files stay)";
  static override examples = ["gatehouse unsubscribe --repo pypi-internal --source internal"];
  static override flags = {
    repo: Flags.string({ description: "repo name", required: true }),
    source: Flags.string({ description: "source name", required: true }),
  };

  async run(): Promise<void> {
    const repo = await (await this.api()).op(ops.repos.unsubscribe, { params: { name: this.flags.repo, source: this.flags.source } });
    if (this.json) return this.printJson(repo);
    this.note(`repo '${repo.name}' no longer serves '${this.flags.source}'; it serves: ${repo.sources.join(" > ") || "nothing"}`);
  }
}

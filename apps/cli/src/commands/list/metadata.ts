import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../../base-command.js";
import { renderMetadataTable } from "../../output/metadata-text.js";

/** `gatehouse list metadata`. */
export default class ListMetadata extends BaseCommand<typeof ListMetadata> {
  static override summary = "List package notes (with --repo: a repos:read token of that repo is enough)";
  static override examples = ["gatehouse list metadata --name requests", "gatehouse list metadata --repo pypi"];
  static override flags = {
    name: Flags.string({ description: "only this package" }),
    repo: Flags.string({ description: "only packages this repo serves" }),
  };

  async run(): Promise<void> {
    const query = { name: this.flags.name, repo: this.flags.repo };
    const { metadata } = await (await this.api()).op(ops.policy.listMetadata, { query });
    if (this.json) return this.printJson(metadata);
    if (metadata.length === 0) return this.note("no metadata; set some with `gatehouse set metadata --name P --key K --value V`");
    this.out(renderMetadataTable(metadata));
  }
}

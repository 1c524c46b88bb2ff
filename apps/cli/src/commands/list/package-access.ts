import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../../base-command.js";
import { renderTable } from "../../output/table.js";

/** `gatehouse list package-access`. */
export default class ListPackageAccess extends BaseCommand<typeof ListPackageAccess> {
  static override summary = "List who owns the packages of a source and which are private";
  static override examples = ["gatehouse list package-access --source internal --private"];
  static override flags = {
    source: Flags.string({ description: "source", required: true }),
    private: Flags.boolean({ description: "only private packages", default: false }),
  };

  async run(): Promise<void> {
    const f = this.flags;
    const query = { private: f.private ? "true" : undefined } as const;
    const { packages } = await (await this.api()).op(ops.identity.listPackageAccess, { params: { source: f.source }, query });
    if (this.json) return this.printJson(packages);
    if (packages.length === 0) return this.note(`no ${f.private ? "private " : ""}packages in source ${f.source}`);
    this.out(renderTable(["PACKAGE", "ACCESS", "OWNER"], packages.map((p) => [p.project, p.private ? "private" : "public", p.owner ?? "-"])));
  }
}

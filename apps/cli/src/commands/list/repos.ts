import { ops } from "@gatehouse/api-contract";
import { BaseCommand } from "../../base-command.js";
import { renderTable } from "../../output/table.js";

/** `gatehouse list repos`. */
export default class ListRepos extends BaseCommand<typeof ListRepos> {
  static override summary = "List repositories";

  async run(): Promise<void> {
    const { repos } = await (await this.api()).op(ops.repos.list, {});
    if (this.json) return this.printJson(repos);
    if (repos.length === 0) return this.note("no repos; create one with `gatehouse create repo`");
    this.out(
      renderTable(
        ["NAME", "TYPE", "ACCESS", "SOURCES", "DESCRIPTION"],
        repos.map((r) => [r.name, r.type, r.authenticated ? "authenticated" : "public", r.sources.join(",") || "-", r.description]),
      ),
    );
  }
}

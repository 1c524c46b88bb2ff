import { ops } from "@gatehouse/api-contract";
import { BaseCommand } from "../../base-command.js";
import { renderTable } from "../../output/table.js";

/** `gatehouse list sources`. */
export default class ListSources extends BaseCommand<typeof ListSources> {
  static override summary = "List sources (where packages live) and the repos that serve each";
  static override examples = ["gatehouse list sources", "gatehouse list sources -o json"];

  async run(): Promise<void> {
    const api = await this.api();
    const [{ sources }, { repos }] = await Promise.all([
      api.op(ops.sources.list, {}),
      api.op(ops.repos.list, {}),
    ]);
    const servedBy = (name: string) => repos.filter((r) => r.sources.includes(name)).map((r) => r.name);
    if (this.json) return this.printJson(sources.map((s) => ({ ...s, repos: servedBy(s.name) })));
    if (sources.length === 0) return this.note("no sources; create one with `gatehouse create source --name N --kind python|r|bioconductor|conda`");
    this.out(renderTable(["NAME", "KIND", "TYPE", "SERVED BY", "CREATED"], sources.map((s) => [s.name, s.kind, s.type, servedBy(s.name).join(",") || "-", s.createdAt])));
  }
}

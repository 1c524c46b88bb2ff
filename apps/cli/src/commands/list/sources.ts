import type { SourceInfo } from "@gatehouse/domain";
import { BaseCommand } from "../../base-command.js";
import { renderTable } from "../../output/table.js";

/** `gatehouse list sources`. */
export default class ListSources extends BaseCommand<typeof ListSources> {
  static override summary = "List sources (where packages live) and the repos that serve each";
  static override examples = ["gatehouse list sources", "gatehouse list sources -o json"];

  async run(): Promise<void> {
    const api = await this.api();
    const [{ sources }, { repos }] = await Promise.all([
      api.call<{ sources: SourceInfo[] }>("GET", "/__api__/sources"),
      api.call<{ repos: { name: string; sources: string[] }[] }>("GET", "/__api__/repos"),
    ]);
    const servedBy = (name: string) => repos.filter((r) => r.sources.includes(name)).map((r) => r.name);
    if (this.json) return this.printJson(sources.map((s) => ({ ...s, repos: servedBy(s.name) })));
    if (sources.length === 0) return this.note("no sources; create one with `gatehouse create source --name N --kind python|r|bioconductor|conda`");
    this.out(renderTable(["NAME", "KIND", "TYPE", "SERVED BY", "CREATED"], sources.map((s) => [s.name, s.kind, s.type, servedBy(s.name).join(",") || "-", s.createdAt])));
  }
}

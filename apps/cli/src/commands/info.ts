import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../base-command.js";
import { formatBytes } from "../output/bytes.js";
import { renderTable } from "../output/table.js";

/** `gatehouse info`: one package of a repo, as the caller sees it. */
export default class Info extends BaseCommand<typeof Info> {
  static override summary = "Show a package of a repo: versions, files (size, sha256), the source serving each, labels and visibility";
  static override examples = ["gatehouse info --repo pypi --name requests", "gatehouse info --repo conda --name numpy -o json"];
  static override flags = {
    repo: Flags.string({ description: "repo name", required: true }),
    name: Flags.string({ description: "package name (any spelling the repo's type folds to the same)", required: true }),
  };

  async run(): Promise<void> {
    const detail = await (await this.api()).op(ops.repos.packageDetail, { params: { name: this.flags.repo, package: this.flags.name } });
    if (this.json) return this.printJson(detail);
    const visibility = detail.private ? "private" : "public";
    const access = detail.repo.authenticated ? "authenticated" : "public";
    this.out(`${detail.name} in ${detail.repo.type} repo '${detail.repo.name}' (${access} repo): ${visibility} package, owner ${detail.owner ?? "-"}`);
    this.out(`versions: ${detail.versions.map((v) => v.version).join(", ")}`);
    this.out("");
    const rows = detail.versions.flatMap((v) =>
      v.files.map((f) => [
        v.version,
        f.filename,
        f.source,
        formatBytes(f.size),
        f.labels.join(",") || "-",
        f.yanked ? `yes${f.yankedReason ? `: ${f.yankedReason}` : ""}` : "-",
        f.sha256,
      ]),
    );
    this.out(renderTable(["VERSION", "FILE", "SOURCE", "SIZE", "LABELS", "YANKED", "SHA256"], rows));
  }
}

import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../base-command.js";
import { CliError } from "../cli-error.js";
import { formatBytes } from "../output/progress.js";
import { safeTerminalLine } from "../output/terminal-text.js";

/** What a whole sync did, for `-o json` and the closing line. */
interface SyncSummary {
  source: string;
  dryRun: boolean;
  projects: number;
  files: number;
  fetched: number;
  present: number;
  bytes: number;
  failed: { project: string; filename: string; error: string }[];
}

/** `gatehouse sync`: eager mirroring of a remote source, one project per API call so progress is real. */
export default class Sync extends BaseCommand<typeof Sync> {
  static override summary = "Mirror a remote source's packages now (air-gapped use): fetch and verify every file not stored yet";
  static override examples = [
    "gatehouse sync --source pypi-mirror --packages requests,urllib3",
    "gatehouse sync --source pypi-mirror --all --dry-run",
    "gatehouse sync --source cran --packages ggplot2,data.table",
    "gatehouse sync --source conda-forge --all",
  ];
  static override flags = {
    source: Flags.string({ description: "remote source to mirror", required: true }),
    packages: Flags.string({ description: "comma-separated package names (as the upstream spells them)", exclusive: ["all"] }),
    all: Flags.boolean({ description: "every package the upstream lists (python: its root index; R: src/contrib/PACKAGES; Bioconductor: every section of the served release; conda: noarch and the subdirs its channeldata.json names)", exclusive: ["packages"] }),
    "dry-run": Flags.boolean({ description: "count what would be fetched, fetch nothing" }),
  };

  async run(): Promise<void> {
    const { source } = this.flags;
    const api = await this.api();
    let projects: string[];
    if (this.flags.all) projects = (await api.op(ops.sources.upstreamProjects, { params: { source } })).projects;
    else if (this.flags.packages) projects = this.flags.packages.split(",").map((p) => p.trim()).filter((p) => p !== "");
    else throw new CliError("say what to mirror: --packages a,b or --all", { code: "INVALID_INPUT", field: "packages" });
    const dryRun = this.flags["dry-run"];
    const summary: SyncSummary = { source, dryRun, projects: 0, files: 0, fetched: 0, present: 0, bytes: 0, failed: [] };
    const tty = process.stderr.isTTY === true;
    for (const [i, project] of projects.entries()) {
      if (tty) process.stderr.write(`\r\u001b[2K[${i + 1}/${projects.length}] ${safeTerminalLine(project)}`);
      const r = await api.op(ops.sources.sync, { params: { source }, body: { project, dryRun } });
      summary.projects++;
      summary.files += r.files;
      summary.fetched += r.fetched;
      summary.present += r.present;
      summary.bytes += r.bytes;
      for (const f of r.failed) summary.failed.push({ project: r.project, ...f });
    }
    if (tty) process.stderr.write("\n");
    if (this.json) this.printJson(summary);
    else {
      const verb = dryRun ? "would fetch" : "fetched";
      this.note(`${source}: ${summary.projects} projects, ${summary.files} files: ${verb} ${summary.fetched} (${formatBytes(summary.bytes)}), ${summary.present} already stored, ${summary.failed.length} failed`);
      // Names and errors come from the upstream: one line each, whatever they hold.
      for (const f of summary.failed) this.note(`  ${safeTerminalLine(`${f.project}/${f.filename}: ${f.error}`)}`);
    }
    if (summary.failed.length > 0) process.exitCode = 1;
  }
}

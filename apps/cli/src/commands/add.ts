import { basename } from "node:path";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../base-command.js";
import type { BulkOptions, BulkOutcome } from "../bulk/bulk-types.js";
import { expandPaths } from "../bulk/expand-paths.js";
import { importLocal } from "../bulk/import-local.js";
import { importRemote } from "../bulk/import-remote.js";
import { ProgressLine } from "../bulk/progress-line.js";
import { CliError } from "../cli-error.js";
import { formatBytes } from "../output/progress.js";

/** Up to this many files, each one gets its own line (beyond it, only refusals and the summary). */
const LINE_PER_FILE = 20;
/** Refusals printed before "… and N more". */
const REFUSALS_SHOWN = 50;

/** The `-o json` summary. */
interface AddSummary {
  source: string;
  mode: string;
  files: number;
  added: number;
  skipped: number;
  refused: number;
  seconds: number;
  refusals: { filename: string; path: string; code: string; reason: string }[];
}

/** `gatehouse add`: upload package files into a source — files, folders (recursively) or globs. */
export default class Add extends BaseCommand<typeof Add> {
  static override summary = "Upload package files (wheels, sdists, R tarballs, conda packages) into a source: files, folders or globs";
  static override description =
    "A folder is searched recursively for package files (.whl, .tar.gz, .zip, .conda, .tar.bz2); a glob (quote it) matches files, ** across folders. Each file is durable on the server before it counts as added. Re-running after an interruption skips the files already there with the same sha256; a name already there with other bytes is refused.";
  static override examples = [
    "gatehouse add --source internal --path dist/mypkg-1.0-py3-none-any.whl,dist/mypkg-1.0.tar.gz",
    "gatehouse add --source internal --path ./wheelhouse",
    "gatehouse add --source internal --path 'mirror/**/*.whl' -o json",
    "gatehouse add --source bioc --path mypkg_1.0.tar.gz --bioc-version 3.20",
  ];
  static override flags = {
    source: Flags.string({ description: "source to upload into", required: true }),
    path: Flags.string({ description: "file(s), folder(s) or glob(s) to upload, comma separated (or repeat the flag)", required: true, multiple: true, delimiter: "," }),
    "bioc-version": Flags.string({ description: "Bioconductor release the packages are for (Bioconductor sources; default: the server's GATEHOUSE_BIOC_RELEASE)" }),
    "bioc-section": Flags.string({ description: "Bioconductor section: bioc (default), data/annotation, data/experiment, workflows, books" }),
    label: Flags.string({ description: "conda label(s), comma separated (default: main)" }),
    "skip-existing": Flags.boolean({ description: "also skip (not refuse) names already there with other bytes", default: false }),
  };

  async run(): Promise<void> {
    const f = this.flags;
    const { files, missing } = expandPaths(f.path);
    const options: BulkOptions = {
      source: f.source,
      biocVersion: f["bioc-version"],
      biocSection: f["bioc-section"],
      labels: f.label?.split(",").map((l) => l.trim()).filter((l) => l !== ""),
      skipExisting: f["skip-existing"],
    };
    const outcomes: BulkOutcome[] = missing.map((m) => ({ path: m.path, filename: basename(m.path), status: "refused", code: "NOT_FOUND", reason: m.reason }));
    const counts = { added: 0, skipped: 0, refused: outcomes.length };
    const total = files.length + missing.length;
    const progress = new ProgressLine(total);
    const perFile = !this.json && total <= LINE_PER_FILE;
    let started = performance.now();
    const onOutcomes = (done: readonly BulkOutcome[]) => {
      for (const o of done) {
        outcomes.push(o);
        counts[o.status]++;
        if (perFile) this.noteOutcome(o);
      }
      if (!perFile) progress.update(outcomes, counts);
    };
    if (perFile) for (const o of outcomes) this.noteOutcome(o);
    let mode = "none";
    if (files.length > 0) {
      const connection = await this.connected();
      mode = connection.mode;
      // The import's own rate: from the open connection (the embedded database's start is not the import's).
      started = performance.now();
      try {
        if (connection.domain) await importLocal(connection.domain, files, options, onOutcomes);
        else await importRemote(connection.client, files, options, onOutcomes);
      } finally {
        progress.done();
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const refusals = outcomes.flatMap((o) => (o.status === "refused" ? [{ filename: o.filename, path: o.path, code: o.code ?? "FAILED", reason: o.reason ?? "" }] : []));
    const summary: AddSummary = { source: f.source, mode, files: total, ...counts, seconds: Math.round(seconds * 1000) / 1000, refusals };
    if (this.json) this.printJson(summary);
    else this.noteSummary(summary, perFile);
    if (refusals.length > 0) {
      const shown = refusals.slice(0, 3).map((r) => `${r.filename} (${r.reason})`);
      throw new CliError(`${refusals.length} of ${total} file(s) were not uploaded: ${shown.join("; ")}${refusals.length > 3 ? "; …" : ""}`, { code: "UPLOAD_FAILED" });
    }
  }

  private noteOutcome(o: BulkOutcome): void {
    if (o.status === "added" && o.file) this.note(`published ${o.file.filename} (${o.file.name} ${o.file.version}, ${formatBytes(o.file.size)}, sha256 ${o.file.sha256.slice(0, 12)}…)`);
    else if (o.status === "skipped") this.note(`skipped ${o.filename}: already there`);
    else if (o.status === "refused") this.note(`gatehouse: ${o.filename}: ${o.reason}`);
  }

  private noteSummary(s: AddSummary, perFileShown: boolean): void {
    if (!perFileShown) {
      for (const r of s.refusals.slice(0, REFUSALS_SHOWN)) this.note(`refused ${r.path}: ${r.code}: ${r.reason}`);
      if (s.refusals.length > REFUSALS_SHOWN) this.note(`… and ${s.refusals.length - REFUSALS_SHOWN} more refusals (-o json lists them all)`);
    }
    if (s.files <= 1 && perFileShown) return;
    const rate = s.seconds > 0 ? Math.round(s.files / s.seconds) : s.files;
    this.note(`${s.source}: ${s.files} file(s): ${s.added} added, ${s.skipped} skipped (already there), ${s.refused} refused — ${s.seconds.toFixed(1)} s, ${rate} files/s`);
  }
}

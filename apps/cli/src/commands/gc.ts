import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../base-command.js";
import { CliError } from "../cli-error.js";
import { formatBytes } from "../output/bytes.js";

const AGE = /^(\d{1,9})([smhd])$/;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** `--min-age 90m` in seconds; `0s` is allowed (collect every unreferenced file now). */
export function parseMinAge(text: string): number {
  const m = AGE.exec(text.trim());
  if (!m?.[1] || !m[2]) {
    throw new CliError(`'${text}' is not a duration`, { code: "INVALID_INPUT", field: "min-age", hint: "use a whole number followed by s, m, h or d, e.g. --min-age 10m (0s: no minimum)" });
  }
  return Number(m[1]) * (UNIT_SECONDS[m[2]] ?? 1);
}

/** `gatehouse gc [--dry-run]`: removes what crashed and refused uploads left behind. */
export default class Gc extends BaseCommand<typeof Gc> {
  static override summary = "Remove leftovers of crashed or refused uploads: staged files, stale multipart uploads, stored files no file references";
  static override examples = ["gatehouse gc --dry-run", "gatehouse gc -o json", "GATEHOUSE_ADDRESS=https://packages.example.com GATEHOUSE_TOKEN=gth-… gatehouse gc --min-age 10m"];
  static override flags = {
    "dry-run": Flags.boolean({ description: "count what would be removed, remove nothing" }),
    "min-age": Flags.string({ description: "keep unreferenced files younger than this (e.g. 10m, 1h; default 1h)" }),
  };

  async run(): Promise<void> {
    const minAge = this.flags["min-age"];
    const body = { dryRun: this.flags["dry-run"], ...(minAge !== undefined ? { minAgeSeconds: parseMinAge(minAge) } : {}) };
    const report = await (await this.api()).op(ops.system.gc, { body });
    if (this.json) return this.printJson(report);
    const verb = report.dryRun ? "would remove" : "removed";
    const { staging, blobs } = report;
    this.out(
      [
        `stored files: ${verb} ${blobs.removed} of ${blobs.scanned} (${formatBytes(blobs.bytes)}); ${blobs.kept} unreferenced kept (younger than the minimum age, or being uploaded)`,
        `staging:      ${verb} ${staging.files} leftover upload files (${formatBytes(staging.bytes)}), ${staging.multipartUploads} stale multipart uploads`,
        `reservations: ${verb} ${report.reservations.expired} of uploads that died mid-commit`,
      ].join("\n"),
    );
    if (report.dryRun) this.note("dry run: nothing was removed; run without --dry-run to remove it");
  }
}

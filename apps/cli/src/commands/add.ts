import { createReadStream, statSync } from "node:fs";
import { basename } from "node:path";
import { Readable } from "node:stream";
import type { PackageFileInfo } from "@gatehouse/domain";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../base-command.js";
import { CliError } from "../cli-error.js";
import { formatBytes, progressStream } from "../output/progress.js";

interface Outcome {
  path: string;
  status: "published" | "skipped" | "failed";
  file?: PackageFileInfo;
  error?: string;
}

/** `gatehouse add`: upload package files into a source. */
export default class Add extends BaseCommand<typeof Add> {
  static override summary = "Upload package files (wheels, sdists, R tarballs, conda packages) into a source";
  static override examples = [
    "gatehouse add --source internal --path dist/mypkg-1.0-py3-none-any.whl,dist/mypkg-1.0.tar.gz",
    "gatehouse add --source bioc --path mypkg_1.0.tar.gz --bioc-version 3.20",
  ];
  static override flags = {
    source: Flags.string({ description: "source to upload into", required: true }),
    path: Flags.string({ description: "file(s) to upload, comma separated (or repeat the flag)", required: true, multiple: true, delimiter: "," }),
    "bioc-version": Flags.string({ description: "Bioconductor release the packages are for (Bioconductor sources; default: the server's GATEHOUSE_BIOC_RELEASE)" }),
    "bioc-section": Flags.string({ description: "Bioconductor section: bioc (default), data/annotation, data/experiment, workflows, books" }),
    label: Flags.string({ description: "conda label(s), comma separated (default: main)" }),
    "skip-existing": Flags.boolean({ description: "treat files that already exist as uploaded", default: false }),
  };

  async run(): Promise<void> {
    const f = this.flags;
    const api = await this.api();
    const outcomes: Outcome[] = [];
    for (const path of f.path) {
      let size: number;
      try {
        size = statSync(path).size;
      } catch {
        outcomes.push({ path, status: "failed", error: `cannot read ${path}: no such file` });
        continue;
      }
      const query = new URLSearchParams();
      if (f["bioc-version"]) query.set("bioc-version", f["bioc-version"]);
      if (f["bioc-section"]) query.set("bioc-section", f["bioc-section"]);
      if (f.label) query.set("label", f.label);
      const name = basename(path);
      const body = Readable.toWeb(createReadStream(path).pipe(progressStream(name, size))) as ReadableStream<Uint8Array>;
      try {
        const res = await api.send("PUT", `/__api__/sources/${encodeURIComponent(f.source)}/files/${encodeURIComponent(name)}?${query}`, body, {
          "content-type": "application/octet-stream",
          "content-length": String(size),
        });
        const file = (await res.json()) as PackageFileInfo;
        outcomes.push({ path, status: "published", file });
        if (!this.json) this.note(`published ${file.filename} (${file.name} ${file.version}, ${formatBytes(file.size)}, sha256 ${file.sha256.slice(0, 12)}…)`);
      } catch (err) {
        if (!(err instanceof CliError)) throw err;
        if (err.code === "ALREADY_EXISTS" && f["skip-existing"]) {
          outcomes.push({ path, status: "skipped" });
          if (!this.json) this.note(`skipped ${name}: already exists`);
          continue;
        }
        outcomes.push({ path, status: "failed", error: err.message });
        if (!this.json) this.note(`gatehouse: ${name}: ${err.message}`);
        if (err.code === "UNAUTHENTICATED" || err.code === "FORBIDDEN" || err.code === "NOT_FOUND" || err.code === "UNREACHABLE") {
          if (this.json) this.printJson(outcomes);
          throw err;
        }
      }
    }
    if (this.json) this.printJson(outcomes);
    const failed = outcomes.filter((o) => o.status === "failed");
    if (failed.length > 0) {
      throw new CliError(`${failed.length} of ${outcomes.length} file(s) were not uploaded: ${failed.map((o) => `${basename(o.path)} (${o.error})`).join("; ")}`, {
        code: "UPLOAD_FAILED",
      });
    }
  }
}

import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { BatchOutcome, Domain } from "@gatehouse/domain";
import { CliError } from "../cli-error.js";
import type { BulkOptions, BulkOutcome, OnOutcomes } from "./bulk-types.js";
import type { LocalFile } from "./expand-paths.js";

/** Files per publishBatch call: one transaction and one blob reservation each. */
const BATCH = 200;
/** Below this a file is read in one go; above it streamed. */
const SMALL = 1024 * 1024;

function opener(file: LocalFile) {
  if (file.size > SMALL) return () => createReadStream(file.path);
  return () =>
    (async function* () {
      yield await readFile(file.path);
    })();
}

function toOutcome(file: LocalFile, o: BatchOutcome, options: BulkOptions): BulkOutcome {
  const base = { path: file.path, filename: o.filename };
  if (o.status === "added") return { ...base, status: "added", file: o.file };
  if (o.status === "skipped") return { ...base, status: "skipped" };
  if (o.code === "ALREADY_EXISTS" && options.skipExisting) return { ...base, status: "skipped" };
  return { ...base, status: "refused", code: o.code, reason: o.reason };
}

/**
 * Local mode with no server holding the data folder: straight into the domain, BATCH files per
 * publishBatch (each batch durable and recorded before it is reported).
 */
export async function importLocal(domain: Domain, files: readonly LocalFile[], options: BulkOptions, onOutcomes: OnOutcomes): Promise<void> {
  // Already loaded by the in-process connection; imported here so remote `add` never pays for it.
  const { LOCAL_ACTOR, isDomainError, publishBatch } = await import("@gatehouse/domain");
  for (let start = 0; start < files.length; start += BATCH) {
    const batch = files.slice(start, start + BATCH);
    let outcomes: BatchOutcome[];
    try {
      outcomes = await publishBatch(
        domain,
        LOCAL_ACTOR,
        {
          source: options.source,
          files: batch.map((f) => ({ filename: basename(f.path), open: opener(f) })),
          ...(options.biocVersion ? { biocVersion: options.biocVersion } : {}),
          ...(options.biocSection ? { biocSection: options.biocSection } : {}),
          ...(options.labels ? { labels: options.labels } : {}),
        },
        { address: "local" },
      );
    } catch (err) {
      if (isDomainError(err)) throw new CliError(err.message, { code: err.code, ...(err.field ? { field: err.field } : {}) });
      throw err;
    }
    onOutcomes(outcomes.map((o, i) => toOutcome(batch[i] as LocalFile, o, options)));
  }
}

import type { FileInfo } from "@gatehouse/api-contract";

/** What happened to one file of `gatehouse add`. */
export interface BulkOutcome {
  path: string;
  filename: string;
  status: "added" | "skipped" | "refused";
  /** Refused only: the error code and what was wrong. */
  code?: string;
  reason?: string;
  file?: FileInfo;
}

/** The upload options every file of one `gatehouse add` shares. */
export interface BulkOptions {
  source: string;
  biocVersion?: string | undefined;
  biocSection?: string | undefined;
  labels?: string[] | undefined;
  /** A name already there with other bytes counts as skipped, not refused (`--skip-existing`). */
  skipExisting: boolean;
}

/** Called as files finish (in batches locally, one by one remotely), for progress and the summary. */
export type OnOutcomes = (outcomes: readonly BulkOutcome[]) => void;

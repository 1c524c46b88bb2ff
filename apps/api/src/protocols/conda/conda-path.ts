import { isSnapshotSegment } from "@gatehouse/domain";
import { isValidCondaLabel, isValidCondaSubdir, parseCondaFilename } from "@gatehouse/repo-index";

/** The label served when a URL names none. */
export const DEFAULT_LABEL = "main";

/** Which view of the channel a URL asks for. */
export interface ChannelView {
  /** `latest` or a `YYYY-MM-DD` date. */
  snapshot: string;
  label: string;
}

/** What a path under a conda repo names. */
export type CondaTarget =
  | (ChannelView & { kind: "repodata"; subdir: string })
  | (ChannelView & { kind: "channeldata" })
  | (ChannelView & { kind: "file"; subdir: string; filename: string })
  /** Something clients probe for (zst/bz2/jlap/shards) or a typo: a plain 404, never 401/403. */
  | { kind: "absent"; message: string };

// current_repodata.json may hold any subset of repodata.json; the full set is a valid answer
// and spares clients a 404 round trip before their fallback.
const REPODATA_NAMES = new Set(["repodata.json", "current_repodata.json"]);

/**
 * Reads `[<snapshot>/][label/<label>/](<subdir>/<file> | channeldata.json)`.
 *
 * @example
 * parseCondaPath(["label", "dev", "linux-64", "repodata.json"])
 * // { kind: "repodata", snapshot: "latest", label: "dev", subdir: "linux-64" }
 */
export function parseCondaPath(segments: readonly string[]): CondaTarget {
  let rest = [...segments];
  let snapshot = "latest";
  if (rest[0] !== undefined && isSnapshotSegment(rest[0])) {
    snapshot = rest[0];
    rest = rest.slice(1);
  }
  let label = DEFAULT_LABEL;
  if (rest[0] === "label") {
    const named = rest[1] ?? "";
    if (!isValidCondaLabel(named)) return { kind: "absent", message: `no label '${named}' in this channel` };
    label = named;
    rest = rest.slice(2);
  }
  if (rest.length === 1 && rest[0] === "channeldata.json") return { kind: "channeldata", snapshot, label };
  const [subdir, file] = rest;
  if (rest.length !== 2 || subdir === undefined || file === undefined) {
    return { kind: "absent", message: "not a conda channel path: expected <subdir>/repodata.json, <subdir>/<package file> or channeldata.json" };
  }
  if (!isValidCondaSubdir(subdir)) return { kind: "absent", message: `'${subdir}' is not a conda subdir` };
  if (REPODATA_NAMES.has(file)) return { kind: "repodata", snapshot, label, subdir };
  if (!parseCondaFilename(file).ok) return { kind: "absent", message: `${subdir}/${file} is not served by this channel` };
  return { kind: "file", snapshot, label, subdir, filename: file };
}

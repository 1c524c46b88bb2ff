import { compareCondaVersion } from "./version-order.js";

/** One published file as channeldata.json sees it. */
export interface ChanneldataPackage {
  name: string;
  version: string;
  subdir: string;
  about?: Record<string, unknown>;
  timestamp?: number;
}

/** Everything channeldata.json is rendered from. */
export interface ChanneldataInput {
  subdirs: readonly string[];
  packages: readonly ChanneldataPackage[];
}

// String fields copied from the newest version's about.json, as conda-index does.
const ABOUT_KEYS = [
  "description",
  "dev_url",
  "doc_source_url",
  "doc_url",
  "home",
  "license",
  "license_family",
  "source_url",
  "summary",
] as const;

interface Summary {
  newest: ChanneldataPackage;
  subdirs: Set<string>;
  timestamp?: number;
}

function isNewer(candidate: ChanneldataPackage, current: ChanneldataPackage): boolean {
  const order = compareCondaVersion(candidate.version, current.version);
  if (order !== 0) return order > 0;
  return (candidate.timestamp ?? 0) > (current.timestamp ?? 0);
}

function summarize(packages: readonly ChanneldataPackage[]): Map<string, Summary> {
  const byName = new Map<string, Summary>();
  for (const pkg of packages) {
    const summary = byName.get(pkg.name);
    if (summary === undefined) {
      byName.set(pkg.name, { newest: pkg, subdirs: new Set([pkg.subdir]), timestamp: pkg.timestamp });
      continue;
    }
    summary.subdirs.add(pkg.subdir);
    if (isNewer(pkg, summary.newest)) summary.newest = pkg;
    if (pkg.timestamp !== undefined && pkg.timestamp > (summary.timestamp ?? Number.NEGATIVE_INFINITY)) {
      summary.timestamp = pkg.timestamp;
    }
  }
  return byName;
}

function renderEntry(summary: Summary): Record<string, unknown> {
  const entry: Record<string, unknown> = {};
  for (const key of ABOUT_KEYS) {
    const value = summary.newest.about?.[key];
    if (typeof value === "string" && value !== "") entry[key] = value;
  }
  entry["subdirs"] = [...summary.subdirs].sort();
  if (summary.timestamp !== undefined) entry["timestamp"] = summary.timestamp;
  entry["version"] = summary.newest.version;
  return Object.fromEntries(Object.entries(entry).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * Renders channeldata.json: per package name its newest version (by conda's version order),
 * the subdirs it is in, its newest timestamp and the about.json summary of that newest version.
 * @example renderChanneldata({ subdirs: ["noarch"], packages: [{ name: "a", version: "1.0", subdir: "noarch" }] })
 */
export function renderChanneldata(channel: ChanneldataInput): string {
  const summaries = summarize(channel.packages);
  const packages: Record<string, unknown> = {};
  for (const name of [...summaries.keys()].sort()) {
    const summary = summaries.get(name);
    if (summary !== undefined) packages[name] = renderEntry(summary);
  }
  const subdirs = [...new Set([...channel.subdirs, ...channel.packages.map((p) => p.subdir)])].sort();
  return `${JSON.stringify({ channeldata_version: 1, packages, subdirs }, null, 2)}\n`;
}

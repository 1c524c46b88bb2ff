import { type CondaRecord, copyOptionalCondaKeys, isValidCondaSubdir, parseCondaFilename } from "@gatehouse/repo-index";
import { upstreamFailed } from "./upstream-error.js";
import { type IndexFetchOptions, downloadIndex } from "./index-download.js";
import { baseOf } from "./mirror-index.js";
import { type MirroredFile, md5Or, sha256Or } from "./mirrored-file.js";

function strings(value: unknown): string[] | undefined {
  if (value === undefined) return [];
  return Array.isArray(value) && value.every((v) => typeof v === "string") ? (value as string[]) : undefined;
}

/** The repodata record served for an upstream one, or undefined when it is not a usable record for `filename`. */
function toRecord(filename: string, raw: unknown, subdir: string): { record: CondaRecord; md5: string; sha256: string } | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const parsed = parseCondaFilename(filename);
  const depends = strings(r.depends);
  const constrains = strings(r.constrains);
  const md5 = md5Or(r.md5);
  const sha256 = sha256Or(r.sha256);
  if (!parsed.ok || typeof r.name !== "string" || typeof r.version !== "string" || typeof r.build !== "string") return undefined;
  if (typeof r.build_number !== "number" || depends === undefined || constrains === undefined || (md5 === "" && sha256 === "")) return undefined;
  // A record may only speak for its own file.
  if (parsed.value.name !== r.name || parsed.value.version !== r.version || parsed.value.build !== r.build) return undefined;
  const record: CondaRecord = { name: r.name, version: r.version, build: r.build, build_number: r.build_number, subdir, depends, constrains, md5, sha256, size: typeof r.size === "number" ? r.size : 0 };
  if (sha256 === "") delete (record as Partial<CondaRecord>).sha256;
  copyOptionalCondaKeys(r, record);
  return { record, md5, sha256 };
}

/**
 * The files of one subdir's repodata.json (`packages` and `packages.conda`),
 * fetched from `info.base_url` when the channel sets one; undefined when the
 * text is not repodata.
 */
export function parseRepodata(text: string, subdirUrl: string, subdir: string): MirroredFile[] | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof doc !== "object" || doc === null) return undefined;
  const d = doc as { packages?: unknown; "packages.conda"?: unknown; info?: { base_url?: unknown } };
  if (d.packages === undefined && d["packages.conda"] === undefined) return undefined;
  const base = typeof d.info?.base_url === "string" ? new URL(baseOf(d.info.base_url), subdirUrl).toString() : subdirUrl;
  const out: MirroredFile[] = [];
  for (const [group, format] of [
    [d.packages, "tar.bz2"],
    [d["packages.conda"], "conda"],
  ] as const) {
    if (group === undefined) continue;
    if (typeof group !== "object" || group === null) return undefined;
    for (const [filename, raw] of Object.entries(group)) {
      const rec = toRecord(filename, raw, subdir);
      if (!rec || !filename.endsWith(format === "conda" ? ".conda" : ".tar.bz2")) continue;
      out.push({
        filename,
        project: rec.record.name.toLowerCase(),
        name: rec.record.name,
        version: rec.record.version,
        kind: "conda",
        sha256: rec.sha256,
        md5: rec.md5,
        size: rec.record.size,
        subdir,
        biocVersion: null,
        metadata: { record: rec.record, format },
        url: new URL(encodeURIComponent(filename), base).toString(),
        yanked: null,
      });
    }
  }
  return out;
}

/** One subdir of a conda channel; a subdir the channel does not have (404) is empty. */
export async function fetchCondaSubdir(channel: string, subdir: string, options: IndexFetchOptions): Promise<MirroredFile[]> {
  if (!isValidCondaSubdir(subdir)) return [];
  const subdirUrl = `${baseOf(channel)}${subdir}/`;
  const index = await downloadIndex(`${subdirUrl}repodata.json`, { ...options, accept: "application/json" });
  if (index === null) return [];
  // Unchanged since last read: nothing to record (a mirror never drops what it saw).
  if (index.text === null) return [];
  const files = parseRepodata(index.text, subdirUrl, subdir);
  if (files === undefined) throw upstreamFailed(index.url.host, `sent a ${subdir}/repodata.json Gatehouse cannot read`);
  return files;
}

/** The subdirs a channel's channeldata.json lists, always with noarch; just noarch when it has none. */
export async function fetchCondaSubdirs(channel: string, options: IndexFetchOptions): Promise<string[]> {
  const index = await downloadIndex(`${baseOf(channel)}channeldata.json`, { ...options, accept: "application/json" });
  const listed = new Set(["noarch"]);
  if (index === null) return [...listed];
  try {
    const doc = JSON.parse(index.text ?? "{}") as { subdirs?: unknown };
    if (Array.isArray(doc.subdirs)) for (const s of doc.subdirs) if (typeof s === "string" && isValidCondaSubdir(s)) listed.add(s);
  } catch {
    throw upstreamFailed(index.url.host, "sent a channeldata.json Gatehouse cannot read");
  }
  return [...listed];
}

import { normalizeProjectName } from "./project-name.js";
import { listFileVersions, sortSimpleFiles, sortUniqueProjects, sortUniqueVersions, stripFragment } from "./simple-files.js";
import type { SimpleFile } from "./simple-files.js";

const META = { "api-version": "1.1" } as const;

/**
 * Renders the PEP 691 JSON root: `{"meta":{"api-version":"1.1"},"projects":[{"name":...}]}`, sorted by normalized name.
 * @example renderSimpleRootJson([{ name: "Foo" }]) // '{"meta":{"api-version":"1.1"},"projects":[{"name":"Foo"}]}'
 */
export function renderSimpleRootJson(projects: readonly { name: string }[]): string {
  return JSON.stringify({ meta: META, projects: sortUniqueProjects(projects).map((p) => ({ name: p.name })) });
}

/** The JSON root around its entries: head, then `{"name":…}` objects separated by ",", then tail. */
export const SIMPLE_ROOT_JSON_FRAME = { head: `{"meta":${JSON.stringify(META)},"projects":[`, tail: "]}" } as const;

function toJsonFile(file: SimpleFile): Record<string, unknown> {
  const out: Record<string, unknown> = {
    filename: file.filename,
    url: stripFragment(file.url),
    hashes: { sha256: file.sha256 },
  };
  if (file.requiresPython !== undefined) out["requires-python"] = file.requiresPython;
  out.yanked = typeof file.yanked === "string" ? file.yanked || true : file.yanked === true;
  // PEP 714: "core-metadata" only; the old "dist-info-metadata" key crashes older pips.
  out["core-metadata"] = file.coreMetadataSha256 === undefined ? false : { sha256: file.coreMetadataSha256 };
  if (file.size !== undefined) out.size = file.size;
  if (file.uploadTime !== undefined) out["upload-time"] = file.uploadTime;
  return out;
}

/**
 * Renders a PEP 691 (API 1.1, PEP 700) JSON project page; `versions` defaults to those in the filenames.
 * Files sorted by version then filename; `size` and `upload-time` are emitted when known.
 * @example renderSimpleProjectJson("Foo", files) // '{"meta":{"api-version":"1.1"},"name":"foo","files":[...],"versions":[...]}'
 */
export function renderSimpleProjectJson(
  project: string,
  files: readonly SimpleFile[],
  versions?: readonly string[],
): string {
  return JSON.stringify({
    meta: META,
    name: normalizeProjectName(project),
    files: sortSimpleFiles(files).map(toJsonFile),
    versions: sortUniqueVersions(versions ?? listFileVersions(files)),
  });
}

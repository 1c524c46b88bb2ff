import { type ListedFile, parsePythonFilename, parseSimpleProjectHtml, parseSimpleProjectJson } from "@gatehouse/repo-index";
import type { UpstreamSettings } from "../context.js";
import { upstreamFailed } from "./upstream-error.js";
import { getUpstream, readBounded } from "./upstream-fetch.js";

/** One file of an upstream project page, ready to be recorded. */
export interface UpstreamPythonFile {
  filename: string;
  name: string;
  version: string;
  kind: "wheel" | "sdist";
  /** Absolute, without the hash fragment. */
  url: string;
  sha256: string;
  requiresPython: string | null;
  yanked: string | null;
  size: number | null;
}

const MAX_INDEX_BYTES = 32 * 1024 * 1024;
const ACCEPT = "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.1";

function toUpstreamFile(listed: ListedFile, page: URL, project: string): UpstreamPythonFile | undefined {
  // A file without a sha256 cannot be verified once fetched: a mirror never serves it.
  if (listed.sha256 === null) return undefined;
  const parsed = parsePythonFilename(listed.filename);
  // A page may only speak for its own project.
  if (!parsed.ok || parsed.value.project !== project) return undefined;
  const url = new URL(listed.href, page);
  url.hash = "";
  return {
    filename: listed.filename,
    name: parsed.value.name,
    version: parsed.value.version,
    kind: parsed.value.kind,
    url: url.toString(),
    sha256: listed.sha256,
    requiresPython: listed.requiresPython,
    yanked: listed.yanked,
    size: listed.size,
  };
}

/** The upstream project page's URL: `<index>/<project>/`. */
export function projectPageUrl(indexUrl: string, project: string): string {
  return `${indexUrl.endsWith("/") ? indexUrl : `${indexUrl}/`}${encodeURIComponent(project)}/`;
}

/**
 * Reads one project's files from a PEP 691 (JSON) or PEP 503 (HTML) simple
 * index; null when the upstream has no such project (404). Garbage is an
 * UPSTREAM_FAILED error, never an empty project.
 */
export async function fetchPythonProject(indexUrl: string, project: string, settings: UpstreamSettings, token: string | undefined): Promise<UpstreamPythonFile[] | null> {
  let fetched: Awaited<ReturnType<typeof getUpstream>>;
  try {
    fetched = await getUpstream(projectPageUrl(indexUrl, project), { allowPrivate: settings.allowPrivate, timeoutMs: settings.timeoutSeconds * 1000, accept: ACCEPT, token });
  } catch (err) {
    if ((err as { upstreamStatus?: number }).upstreamStatus === 404) return null;
    throw err;
  }
  const { url, response } = fetched;
  const body = (await readBounded(response, MAX_INDEX_BYTES, url.host)).toString("utf8");
  const type = String(response.headers["content-type"] ?? "");
  const listed = type.includes("json") ? parseSimpleProjectJson(body) : parseSimpleProjectHtml(body);
  if (listed === undefined || (!type.includes("json") && !type.includes("html"))) {
    throw upstreamFailed(url.host, `sent a project page Gatehouse cannot read (content type '${type || "none"}')`);
  }
  const out: UpstreamPythonFile[] = [];
  for (const l of listed) {
    const file = toUpstreamFile(l, url, project);
    if (file) out.push(file);
  }
  return out;
}

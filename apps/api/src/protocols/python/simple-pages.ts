import type { PackageFileRow, RepoReader } from "@gatehouse/domain";
import {
  SIMPLE_HTML_CONTENT_TYPE,
  SIMPLE_JSON_CONTENT_TYPE,
  chooseSimpleFormat,
  isValidProjectName,
  normalizeProjectName,
  renderSimpleProjectHtml,
  renderSimpleProjectJson,
} from "@gatehouse/repo-index";
import { ApiError } from "../../http/api-error.js";
import { type CachedPage, makePage, respondWithPage } from "../cached-page.js";
import type { ProtocolDeps } from "../protocol-deps.js";
import { pageOptionsOf } from "../shared/page-options.js";
import { toSimpleFile } from "./simple-files.js";
import { simpleRootPage } from "./simple-root.js";

/** One simple API request, with the snapshot already parsed. */
export interface SimpleRequest {
  request: Request;
  /** What this viewer may see of the repo (its viewerKey is part of every cache key). */
  reader: RepoReader;
  /** The snapshot segment as given (`latest` when omitted): part of the cache key. */
  snapshot: string;
  at: Date | null;
  /** Segments after `simple`. */
  rest: string[];
}

const BROWSER_HTML = "text/html; charset=utf-8";

/**
 * The media type to answer with: JSON or HTML per PEP 691, and for HTML the
 * PEP 691 type only when the client named it, so browsers still render pages.
 */
export function chooseSimpleContentType(accept: string | undefined): string {
  if (chooseSimpleFormat(accept) === "json") return SIMPLE_JSON_CONTENT_TYPE;
  return accept !== undefined && /application\/vnd\.pypi\.simple\.(v1|latest)\+html/i.test(accept) ? SIMPLE_HTML_CONTENT_TYPE : BROWSER_HTML;
}

/** A 301 to a relative URL: the client resolves it against its own URL, so a `/t/<token>/` prefix is kept without ever being echoed. */
export function redirectTo(location: string): Response {
  return new Response(null, { status: 301, headers: { Location: location, "Cache-Control": "no-cache" } });
}

/**
 * `/simple/` and `/simple/<project>/`: pages rendered once per change and per
 * (snapshot, media type), served from memory with ETag/304. Non-normalized
 * names and missing trailing slashes redirect to the canonical URL.
 */
export async function serveSimple(deps: ProtocolDeps, req: SimpleRequest): Promise<Response> {
  const { rest } = req;
  const head = req.request.method === "HEAD";
  if (rest.length === 0) return redirectTo("simple/");
  const [name = "", trailer] = rest;
  if (rest.length === 1 && name === "") return respondWithPage(await rootPage(deps, req), req.request, head, pageOptionsOf(req.reader));
  if (rest.length > 2 || (trailer !== undefined && trailer !== "") || !isValidProjectName(name)) {
    throw new ApiError("NOT_FOUND", `no project '${name}' in repo '${req.reader.repo.name}'`);
  }
  const project = normalizeProjectName(name);
  if (trailer === undefined) return redirectTo(`${encodeURIComponent(project)}/`);
  if (name !== project) return redirectTo(`../${encodeURIComponent(project)}/`);
  if (!req.reader.sees(project)) throw noSuchProject(req, project);
  // Mirrored projects are read from their upstream first (once per TTL); new files drop this page from the cache.
  await req.reader.refreshMirrors(project, req.at);
  return respondWithPage(await projectPage(deps, req, project), req.request, head, pageOptionsOf(req.reader));
}

export { pageOptionsOf } from "../shared/page-options.js";

/**
 * The IndexCache key of a project page: shared with the server's fast path,
 * which reads the page the route rendered.
 */
export function projectPageKey(snapshot: string, viewerKey: string, contentType: string, project: string): string {
  return `simple\u0000${snapshot}\u0000${viewerKey}\u0000${contentType}\u0000${project}`;
}

function rootPage(deps: ProtocolDeps, req: SimpleRequest): Promise<CachedPage> {
  return simpleRootPage(deps, req.reader, req.snapshot, req.at, chooseSimpleContentType(req.request.headers.get("accept") ?? undefined));
}

function projectPage(deps: ProtocolDeps, req: SimpleRequest, project: string): Promise<CachedPage> {
  const contentType = chooseSimpleContentType(req.request.headers.get("accept") ?? undefined);
  const key = projectPageKey(req.snapshot, req.reader.viewerKey, contentType, project);
  return deps.cache.get(req.reader, key, project, async () => {
    const rows = await req.reader.files(req.at, { project });
    if (rows.length === 0) throw noSuchProject(req, project);
    const files = rows.map(toSimpleFile);
    const title = displayNameOf(rows);
    const body = contentType === SIMPLE_JSON_CONTENT_TYPE ? renderSimpleProjectJson(title, files) : renderSimpleProjectHtml(title, files);
    return makePage(body, contentType, { Vary: "Accept" });
  });
}

function noSuchProject(req: SimpleRequest, project: string): ApiError {
  return new ApiError("NOT_FOUND", `no project '${project}' in repo '${req.reader.repo.name}' at snapshot ${req.snapshot}`);
}

/** The project's name as its most recent upload spells it. */
function displayNameOf(rows: readonly PackageFileRow[]): string {
  let latest = rows[0];
  for (const row of rows) if (latest === undefined || row.published_at > latest.published_at) latest = row;
  return latest?.name ?? "";
}

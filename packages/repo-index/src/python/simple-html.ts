import { escapeHtml, sortSimpleFiles, sortUniqueProjects, stripFragment } from "./simple-files.js";
import type { SimpleFile } from "./simple-files.js";

const API_VERSION_META = '    <meta name="pypi:repository-version" content="1.1">';

function renderPage(title: string, body: string[]): string {
  const t = escapeHtml(title);
  return [
    "<!DOCTYPE html>",
    "<html>",
    "  <head>",
    API_VERSION_META,
    `    <title>${t}</title>`,
    "  </head>",
    "  <body>",
    ...body,
    "  </body>",
    "</html>",
    "",
  ].join("\n");
}

/**
 * Renders the PEP 503 root page: one link per project to `<normalized>/`, sorted by normalized name.
 * @example renderSimpleRootHtml([{ name: "Foo_Bar" }]) // ...<a href="foo-bar/">Foo_Bar</a>...
 */
export function renderSimpleRootHtml(projects: readonly { name: string }[]): string {
  const links = sortUniqueProjects(projects).map((p) => simpleRootHtmlLink(p.normalized, p.name));
  return renderPage("Simple index", links);
}

/** One project's line of the root page (no newline): incremental renderers put one per project between the frame's two halves, each followed by "\n". */
export function simpleRootHtmlLink(normalized: string, name: string): string {
  return `    <a href="${escapeHtml(normalized)}/">${escapeHtml(name)}</a><br>`;
}

/** The root page around its links: `renderSimpleRootHtml` is head, each link and "\n", then tail. */
export function simpleRootHtmlFrame(): { head: string; tail: string } {
  const page = renderPage("Simple index", []);
  const split = page.indexOf("  </body>");
  return { head: page.slice(0, split), tail: page.slice(split) };
}

function renderFileLink(file: SimpleFile): string {
  let attrs = ` href="${escapeHtml(`${stripFragment(file.url)}#sha256=${file.sha256}`)}"`;
  if (file.requiresPython !== undefined) attrs += ` data-requires-python="${escapeHtml(file.requiresPython)}"`;
  if (file.yanked === true) attrs += ' data-yanked=""';
  else if (typeof file.yanked === "string") attrs += ` data-yanked="${escapeHtml(file.yanked)}"`;
  // PEP 714: only the new attribute name; older pips crash on data-dist-info-metadata.
  if (file.coreMetadataSha256 !== undefined) {
    attrs += ` data-core-metadata="sha256=${escapeHtml(file.coreMetadataSha256)}"`;
  }
  return `    <a${attrs}>${escapeHtml(file.filename)}</a><br>`;
}

/**
 * Renders a PEP 503 project page with hashes, requires-python, yanked and PEP 658/714 core-metadata
 * attributes; files sorted by version, then filename.
 * @example renderSimpleProjectHtml("foo", [{ filename: "foo-1.0.tar.gz", url: "../../files/ab/foo-1.0.tar.gz", sha256: "ab" }])
 */
export function renderSimpleProjectHtml(project: string, files: readonly SimpleFile[]): string {
  const title = `Links for ${project}`;
  const links = sortSimpleFiles(files).map(renderFileLink);
  return renderPage(title, [`    <h1>${escapeHtml(title)}</h1>`, ...links]);
}

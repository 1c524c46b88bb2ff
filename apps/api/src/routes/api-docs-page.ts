import { createHash } from "node:crypto";
import type { OpenApiDocument } from "@gatehouse/api-contract";
import { DOCS_STYLE } from "./docs/docs-style.js";
import { escapeHtml } from "./docs/escape-html.js";
import { type PlacedOperation, renderOperation } from "./docs/render-operation.js";
import { TRY_IT_SCRIPT } from "./docs/try-it-script.js";

/** The rendered page and the headers it must be sent with. */
export interface DocsPage {
  html: string;
  headers: Record<string, string>;
}

function sha256Source(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

// The page holds a token typed into it: only its own inline script and style run, it talks only to
// this origin, and it cannot be framed or submit a form anywhere.
const HEADERS: Record<string, string> = {
  "Content-Security-Policy": `default-src 'none'; script-src ${sha256Source(TRY_IT_SCRIPT)}; style-src ${sha256Source(DOCS_STYLE)}; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
};

function byTag(doc: OpenApiDocument): Map<string, PlacedOperation[]> {
  const groups = new Map<string, PlacedOperation[]>(doc.tags.map((t) => [t.name, []]));
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!op) continue;
      const tag = op.tags[0] ?? "other";
      groups.set(tag, [...(groups.get(tag) ?? []), { method, path, op }]);
    }
  }
  return groups;
}

const anchorOf = (tag: string): string => `tag-${tag.replace(/[^A-Za-z0-9]+/g, "-")}`;

/**
 * The docs page of the OpenAPI document: every operation (JSON API and repo protocols) grouped by
 * tag with its parameters, schemas, examples and a try-it form. Self-contained (servers may be
 * offline) and sent with a CSP that allows only its own inline script and style.
 * @example const page = renderApiDocs(buildOpenApiDocument("0.1.0")); c.html(page.html, 200, page.headers)
 */
export function renderApiDocs(doc: OpenApiDocument): DocsPage {
  const groups = [...byTag(doc)].filter(([, list]) => list.length > 0);
  const toc = groups.map(([tag, list]) => `<li><a href="#${anchorOf(tag)}">${escapeHtml(tag)}</a> (${list.length})</li>`).join("");
  const sections = groups.map(([tag, list]) => `<section id="${anchorOf(tag)}"><h2>${escapeHtml(tag)}</h2>${list.map(renderOperation).join("\n")}</section>`).join("\n");
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${escapeHtml(doc.info.title)}</title><style>${DOCS_STYLE}</style></head><body>
<h1>${escapeHtml(doc.info.title)} <small>${escapeHtml(doc.info.version)}</small></h1>
<p>Machine-readable document: <a href="/__api__/openapi.json">/__api__/openapi.json</a>. Authenticate with HTTP Basic (login <code>__token__</code>, password = token)
or <code>Authorization: Bearer &lt;token&gt;</code>; repo URLs also take a <code>/t/&lt;token&gt;/</code> prefix. Errors are JSON: <code>{"error":{"code","message","field"}}</code>.</p>
<div class="token"><label>Token for “Try it” <input type="password" id="gh-token" autocomplete="off" spellcheck="false" placeholder="gth-…"></label>
<small>Sent only in the Authorization header of the requests you send from this page; never stored.</small></div>
<nav><ul>${toc}</ul></nav>
${sections}
<script>${TRY_IT_SCRIPT}</script></body></html>`;
  return { html, headers: { ...HEADERS } };
}

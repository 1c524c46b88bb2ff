import type { OperationDoc } from "../http/openapi-registry.js";

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** A self-contained HTML page listing every API operation (no external assets: servers may be offline). */
export function renderApiDocs(ops: readonly OperationDoc[]): string {
  const byTag = new Map<string, OperationDoc[]>();
  for (const op of ops) byTag.set(op.tag, [...(byTag.get(op.tag) ?? []), op]);
  const sections = [...byTag.entries()]
    .map(
      ([tag, list]) =>
        `<h2>${escapeHtml(tag)}</h2><table>${list
          .map(
            (op) =>
              `<tr><td class="m">${op.method.toUpperCase()}</td><td><code>${escapeHtml(op.path)}</code></td><td>${escapeHtml(op.summary)}${
                op.scopes ? `<br><small>needs ${escapeHtml(op.scopes)}</small>` : ""
              }</td></tr>`,
          )
          .join("")}</table>`,
    )
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Gatehouse API</title>
<style>body{font:15px system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem}td{padding:.3rem .6rem;vertical-align:top;border-bottom:1px solid #ddd}.m{font-weight:600;font-family:monospace}</style>
</head><body><h1>Gatehouse API</h1><p>Machine-readable document: <a href="/__api__/openapi.json">/__api__/openapi.json</a>.
Authenticate with HTTP Basic (login <code>__token__</code>, password = token) or <code>Authorization: Bearer &lt;token&gt;</code>.
Errors are JSON: <code>{"error":{"code","message"}}</code>.</p>${sections}</body></html>`;
}

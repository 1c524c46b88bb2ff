import type { OpenApiMedia, OpenApiOperation, OpenApiParameter } from "@gatehouse/api-contract";
import { escapeHtml, renderProse } from "./escape-html.js";
import { prettyJson, typeLabel } from "./schema-text.js";

/** One operation of the document with where it lives. */
export interface PlacedOperation {
  method: string;
  path: string;
  op: OpenApiOperation;
}

/** The description without the "Needs: …" line the document appends (scopes have their own line here). */
function proseOf(op: OpenApiOperation): string {
  const needs = `Needs: ${op["x-scopes"]}`;
  return op.description.endsWith(needs) ? op.description.slice(0, -needs.length).trim() : op.description;
}

function renderParameters(parameters: readonly OpenApiParameter[]): string {
  if (parameters.length === 0) return "";
  const rows = parameters
    .map(
      (p) =>
        `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td><td>${escapeHtml(typeLabel(p.schema))}</td><td>${p.required ? "required" : "optional"}</td><td>${renderProse(p.description ?? "")}</td></tr>`,
    )
    .join("");
  return `<h4>Parameters</h4><table class="params"><thead><tr><th>name</th><th>in</th><th>type</th><th></th><th>description</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function renderMedia(type: string, media: OpenApiMedia): string {
  const schema = media.schema ? `<details><summary>schema</summary><pre class="schema">${escapeHtml(prettyJson(media.schema))}</pre></details>` : "";
  const example = media.example === undefined ? "" : `<details open><summary>example</summary><pre class="example">${escapeHtml(prettyJson(media.example))}</pre></details>`;
  return `<div class="media"><code>${escapeHtml(type)}</code>${schema}${example}</div>`;
}

function renderRequestBody(op: OpenApiOperation): string {
  const body = op.requestBody;
  if (!body) return "";
  const content = Object.entries(body.content)
    .map(([type, media]) => renderMedia(type, media))
    .join("");
  return `<h4>Request body</h4>${body.description ? `<p>${renderProse(body.description)}</p>` : ""}${content}`;
}

function renderResponses(op: OpenApiOperation): string {
  const items = Object.entries(op.responses)
    .map(([status, answer]) => {
      const content = Object.entries(answer.content ?? {})
        .map(([type, media]) => renderMedia(type, media))
        .join("");
      return `<li><strong>${escapeHtml(status)}</strong> ${renderProse(answer.description)}${content}</li>`;
    })
    .join("");
  return `<h4>Responses</h4><ul class="responses">${items}</ul>`;
}

function bodyKind(op: OpenApiOperation): { kind: "json" | "raw" | "none" | "multipart"; contentType: string } {
  const types = Object.keys(op.requestBody?.content ?? {});
  const [type = ""] = types;
  if (type === "") return { kind: "none", contentType: "" };
  if (type === "application/json") return { kind: "json", contentType: type };
  if (type.startsWith("multipart/")) return { kind: "multipart", contentType: type };
  return { kind: "raw", contentType: type };
}

function inputFor(p: OpenApiParameter): string {
  const name = escapeHtml(`${p.in}.${p.name}`);
  const label = `${escapeHtml(p.name)}${p.required ? " *" : ""}`;
  const required = p.required ? " required" : "";
  if (Array.isArray(p.schema.enum)) {
    const options = p.schema.enum.map((v) => `<option>${escapeHtml(String(v))}</option>`).join("");
    return `<label>${label} <select name="${name}"${required}><option value=""></option>${options}</select></label>`;
  }
  return `<label>${label} <input name="${name}" autocomplete="off" placeholder="${escapeHtml(typeLabel(p.schema))}"${required}></label>`;
}

function renderTryIt(placed: PlacedOperation): string {
  const { op } = placed;
  const body = bodyKind(op);
  if (body.kind === "multipart") return `<p class="note">Try it with the client it is for (twine); the page does not build multipart uploads.</p>`;
  const fields = op.parameters.map(inputFor).join("");
  const example = op.requestBody?.content["application/json"]?.example;
  const bodyField =
    body.kind === "json"
      ? `<label class="wide">JSON body <textarea name="body" rows="6" spellcheck="false">${escapeHtml(example === undefined ? "" : prettyJson(example))}</textarea></label>`
      : body.kind === "raw"
        ? `<label>file <input type="file" name="file"></label>`
        : "";
  const data = `data-method="${escapeHtml(placed.method.toUpperCase())}" data-path="${escapeHtml(placed.path)}" data-body="${body.kind}" data-content-type="${escapeHtml(body.contentType)}"`;
  return `<details class="try"><summary>Try it</summary><form class="try-form" ${data}>${fields}${bodyField}<button type="submit">Send</button><output></output></form></details>`;
}

/**
 * One operation as a docs entry: method, path, summary, description, scopes, parameters, request and
 * response schemas with their examples, and a try-it form. Every contract string is escaped.
 */
export function renderOperation(placed: PlacedOperation): string {
  const { op } = placed;
  const method = placed.method.toUpperCase();
  const prose = proseOf(op);
  return `<article class="op" id="${escapeHtml(`op-${op.operationId}`)}">
<h3><span class="m m-${escapeHtml(placed.method)}">${escapeHtml(method)}</span> <code>${escapeHtml(placed.path)}</code></h3>
<p class="summary">${renderProse(op.summary)} <small>(${escapeHtml(op.operationId)})</small></p>
${prose ? `<p>${renderProse(prose)}</p>` : ""}
<p class="needs">Needs: ${renderProse(op["x-scopes"])}</p>
${renderParameters(op.parameters)}${renderRequestBody(op)}${renderResponses(op)}${renderTryIt(placed)}
</article>`;
}

import { createHash } from "node:crypto";
import { Script, createContext } from "node:vm";
import { buildOpenApiDocument, protocolOperations } from "@gatehouse/api-contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderApiDocs } from "../src/routes/api-docs-page.js";
import { TRY_IT_SCRIPT } from "../src/routes/docs/try-it-script.js";
import { type InMemoryApp, openInMemoryApp } from "./support/in-memory-app.js";

const doc = buildOpenApiDocument("0.0.0-test");
const page = renderApiDocs(doc);

function countOperations(): number {
  return Object.values(doc.paths).reduce((n, methods) => n + Object.keys(methods).length, 0);
}

describe("the docs page", () => {
  it("shows each operation with its parameters, body schema, scopes and examples", () => {
    expect(page.html).toContain("/__api__/tokens/{guid}");
    expect(page.html).toContain("the token&#39;s guid (tok_…)"); // a path parameter's description
    expect(page.html).toMatch(/<td><code>style<\/code><\/td><td>query<\/td><td>one of posit \| anaconda<\/td><td>optional<\/td>/);
    expect(page.html).toContain("Request body");
    expect(page.html).toContain("&#34;expires&#34;"); // the create body's schema and example
    expect(page.html).toContain("Needs: global:admin");
    expect(page.html.match(/<article class="op"/g)?.length).toBe(countOperations());
  });

  it("includes the repo protocol endpoints, grouped by their tags", () => {
    for (const tag of ["protocols: python", "protocols: r", "protocols: conda"]) expect(page.html).toContain(`<h2>${tag}</h2>`);
    expect(page.html).toContain("/{repo}/{snapshot}/simple/{project}/");
    expect(page.html).toContain("/{repo}/src/contrib/PACKAGES.gz");
    expect(page.html).toContain("/{repo}/label/{label}/{subdir}/repodata.json");
    expect(page.html).toContain("application/vnd.pypi.simple.v1+json");
    expect(protocolOperations().every((op) => page.html.includes(`id="op-${op.id}"`))).toBe(true);
  });

  it("has a try-it form per operation (multipart uploads excepted) and keeps the token field outside every form", () => {
    const forms = page.html.match(/<form class="try-form"/g)?.length ?? 0;
    const multipart = Object.values(doc.paths).flatMap((m) => Object.values(m)).filter((op) => op?.requestBody?.content["multipart/form-data"]).length;
    expect(forms).toBe(countOperations() - multipart);
    expect(page.html).toContain('data-method="DELETE" data-path="/__api__/tokens/{guid}"');
    const token = page.html.indexOf('id="gh-token"');
    const outsideForms = page.html.replace(/<form[\s\S]*?<\/form>/g, "");
    expect(token).toBeGreaterThan(0);
    expect(outsideForms).toContain('id="gh-token"');
  });

  it("escapes everything it takes from the document", () => {
    const evil = structuredClone(doc);
    const op = evil.paths["/__api__/tokens/{guid}"]?.delete;
    if (!op) throw new Error("tokens.delete is missing");
    op.summary = '<img src=x onerror="alert(1)">';
    op["x-scopes"] = "<b>admin</b>";
    const html = renderApiDocs(evil).html;
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&#60;img src=x onerror=&#34;alert(1)&#34;&#62;");
    expect(html).not.toContain("<b>admin</b>");
  });

  it("sends a CSP that allows exactly its own inline script and style", () => {
    const csp = page.headers["Content-Security-Policy"] ?? "";
    const hash = createHash("sha256").update(TRY_IT_SCRIPT).digest("base64");
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("form-action 'none'");
    expect(page.html).toContain(`<script>${TRY_IT_SCRIPT}</script>`);
    expect(page.html.match(/<script/g)).toHaveLength(1);
    expect(page.html).not.toMatch(/ on[a-z]+=/); // no inline handlers: the CSP would refuse them
    expect(page.headers["Referrer-Policy"]).toBe("no-referrer");
  });
});

interface FakeField {
  name: string;
  value: string;
  files?: unknown[];
}

interface Sent {
  url: string;
  init: { method: string; headers: Record<string, string>; body?: unknown; credentials: string };
}

/** Runs the page's script against a minimal DOM and returns a submit function and what fetch received. */
function loadScript(token: string) {
  let onSubmit: ((event: unknown) => Promise<void> | undefined) | undefined;
  const sent: Sent[] = [];
  const document = {
    addEventListener: (type: string, listener: (event: unknown) => Promise<void> | undefined) => {
      if (type === "submit") onSubmit = listener;
    },
    getElementById: (id: string) => (id === "gh-token" ? { value: token } : null),
  };
  const fetch = async (url: string, init: Sent["init"]) => {
    sent.push({ url, init });
    return { status: 200, statusText: "OK", headers: { get: () => "application/json" }, text: async () => '{"ok":true}', arrayBuffer: async () => new ArrayBuffer(0) };
  };
  new Script(TRY_IT_SCRIPT).runInContext(createContext({ document, fetch, URLSearchParams, encodeURIComponent, JSON, String }));
  async function submit(dataset: Record<string, string>, fields: FakeField[]) {
    const output = { textContent: "" };
    const form = { dataset, elements: fields, querySelector: (sel: string) => (sel === "output" ? output : null) };
    if (!onSubmit) throw new Error("the script registered no submit listener");
    await onSubmit({ target: form, preventDefault: () => undefined });
    return output.textContent;
  }
  return { submit, sent };
}

describe("the try-it script", () => {
  const secret = "gth-SECRETsecretSECRETsecretSECRETsecret000000";

  it("fills the path and query, and sends the token only in the Authorization header", async () => {
    const { submit, sent } = loadScript(secret);
    const shown = await submit({ method: "GET", path: "/__api__/sources/{source}/files/{filename}/labels", body: "none", contentType: "" }, [
      { name: "path.source", value: "conda local" },
      { name: "path.filename", value: "a/b.conda" },
      { name: "query.limit", value: "5" },
      { name: "query.empty", value: "" },
    ]);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url).toBe("/__api__/sources/conda%20local/files/a%2Fb.conda/labels?limit=5");
    expect(sent[0]?.init.headers.authorization).toBe(`Bearer ${secret}`);
    expect(sent[0]?.init.credentials).toBe("omit");
    expect(JSON.stringify(sent[0]?.url)).not.toContain("SECRET");
    expect(shown).toContain("HTTP 200 OK");
    expect(shown).toContain('"ok": true');
  });

  it("never puts the token in the URL, whatever the fields hold", async () => {
    const { submit, sent } = loadScript(secret);
    await submit({ method: "POST", path: "/__api__/tokens/revoke", body: "json", contentType: "application/json" }, [
      { name: "header.authorization", value: "Basic stolen" },
      { name: "body", value: '{"guid":"tok_1"}' },
    ]);
    expect(sent[0]?.url).toBe("/__api__/tokens/revoke");
    expect(sent[0]?.init.headers).toEqual({ accept: "application/json", authorization: `Bearer ${secret}`, "content-type": "application/json" });
    expect(sent[0]?.init.body).toBe('{"guid":"tok_1"}');
  });

  it("sends no Authorization header without a token, and refuses a missing path parameter", async () => {
    const { submit, sent } = loadScript("");
    expect(await submit({ method: "DELETE", path: "/__api__/tokens/{guid}", body: "none", contentType: "" }, [{ name: "path.guid", value: "" }])).toBe("fill in guid");
    expect(sent).toHaveLength(0);
    await submit({ method: "GET", path: "/{repo}/simple/", body: "none", contentType: "" }, [
      { name: "path.repo", value: "pypi" },
      { name: "header.accept", value: "application/vnd.pypi.simple.v1+json" },
    ]);
    expect(sent[0]?.init.headers).toEqual({ accept: "application/vnd.pypi.simple.v1+json" });
  });
});

describe("GET /__api__/docs and /__api__/openapi.json", () => {
  let t: InMemoryApp;
  beforeAll(async () => {
    t = await openInMemoryApp({ tempPrefix: "gh-docs-" });
  });
  afterAll(async () => t.close());

  it("serve the contract's document and its page, with the page's CSP", async () => {
    const json = await t.app.request("/__api__/openapi.json");
    expect(json.status).toBe(200);
    expect(await json.json()).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument("0.1.0"))));
    const html = await t.app.request("/__api__/docs");
    expect(html.status).toBe(200);
    expect(html.headers.get("content-security-policy")).toBe(page.headers["Content-Security-Policy"]);
    expect(await html.text()).toContain('<form class="try-form"');
  });
});

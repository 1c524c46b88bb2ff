import { describe, expect, it } from "vitest";
import { OPENAPI_METHODS, type OpenApiOperation, allOperations, buildOpenApiDocument, conformance, openApiPath, protocolOperations } from "../src/index.js";

const doc = buildOpenApiDocument("9.9.9");

function everyOperation(): { method: string; path: string; op: OpenApiOperation }[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).flatMap(([method, op]) => (op ? [{ method, path, op }] : [])));
}

describe("buildOpenApiDocument", () => {
  it("is an OpenAPI 3.1 document with both security schemes", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: "Gatehouse API", version: "9.9.9" });
    expect(doc.components.securitySchemes.basic).toMatchObject({ type: "http", scheme: "basic", description: expect.stringContaining("__token__") });
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it("is the same document every time (pure, stable order)", () => {
    expect(JSON.stringify(buildOpenApiDocument("9.9.9"))).toBe(JSON.stringify(doc));
    for (const methods of Object.values(doc.paths)) {
      const listed = Object.keys(methods);
      expect(listed).toEqual(OPENAPI_METHODS.filter((m) => listed.includes(m)));
    }
  });

  it("lists every contract and protocol operation exactly once", () => {
    const all = everyOperation();
    const ids = all.map((e) => e.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual([...allOperations(), ...protocolOperations()].map((op) => op.id).sort());
    const pairs = all.map((e) => `${e.method} ${e.path}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    // OpenAPI 3.1: templates differing only in parameter names are the same path.
    const shapes = Object.keys(doc.paths).map((p) => p.replace(/\{[^}]+\}/g, "{}"));
    expect(shapes.filter((s, i) => shapes.indexOf(s) !== i)).toEqual([]);
  });

  it("gives every operation its id, tag, scopes, path parameters and an error answer", () => {
    for (const { path, op } of everyOperation()) {
      expect(op.tags).toHaveLength(1);
      expect(op["x-scopes"]).not.toBe("");
      expect(op.description).toContain(`Needs: ${op["x-scopes"]}`);
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      expect(op.parameters.filter((p) => p.in === "path").map((p) => p.name)).toEqual(inPath);
      for (const p of op.parameters.filter((q) => q.in === "path")) expect(p.required).toBe(true);
      expect(Object.keys(op.responses).length).toBeGreaterThan(0);
    }
    for (const op of allOperations()) {
      const listed = doc.paths[openApiPath(op.path)]?.[lowerMethod(op.method)];
      expect(listed?.responses[String(op.success)]?.content?.["application/json"]?.schema).toBeDefined();
      expect(listed?.responses.default?.content?.["application/json"]?.schema).toMatchObject({ properties: { error: { required: ["code", "message"] } } });
      if (op.body) expect(listed?.requestBody?.content["application/json"]?.schema).toBeDefined();
      if (op.rawBody) expect(Object.keys(listed?.requestBody?.content ?? {})).toEqual([op.rawBody.contentType]);
      if (op.paramDocs) for (const [name, text] of Object.entries(op.paramDocs)) expect(listed?.parameters.find((p) => p.name === name)?.description).toBe(text);
    }
  });

  it("documents query parameters from the query schema with their type and required flag", () => {
    const list = doc.paths["/__api__/tokens"]?.get;
    expect(list?.parameters.find((p) => p.name === "style")).toMatchObject({ in: "query", required: false, schema: { type: "string", enum: ["posit", "anaconda"] } });
    for (const op of allOperations()) {
      if (!op.query) continue;
      const listed = doc.paths[openApiPath(op.path)]?.[lowerMethod(op.method)];
      expect(listed?.parameters.filter((p) => p.in === "query").map((p) => p.name).sort()).toEqual(Object.keys(op.query.shape).sort());
    }
  });

  it("shows each operation's examples, and every example agrees with its schemas", () => {
    const failures: string[] = [];
    for (const op of allOperations()) {
      const listed = doc.paths[openApiPath(op.path)]?.[lowerMethod(op.method)];
      if (op.example?.body !== undefined) {
        if (!op.body) failures.push(`${op.id}: an example body but no body schema`);
        else if (!op.body.safeParse(op.example.body).success) failures.push(`${op.id}: example body does not parse`);
        expect(listed?.requestBody?.content["application/json"]?.example).toEqual(op.example.body);
      }
      if (op.example?.response !== undefined) {
        const wrong = conformance(op, op.example.response);
        if (wrong !== null) failures.push(`${op.id}: example response: ${wrong}`);
        expect(listed?.responses[String(op.success)]?.content?.["application/json"]?.example).toEqual(op.example.response);
      }
    }
    expect(failures).toEqual([]);
  });

  it("includes the repo protocol endpoints under their protocol tags", () => {
    const tags = doc.tags.map((t) => t.name);
    expect(tags).toEqual(expect.arrayContaining(["protocols: python", "protocols: r", "protocols: conda"]));
    expect(doc.paths["/{repo}/simple/"]?.get?.responses["200"]?.content).toHaveProperty(["application/vnd.pypi.simple.v1+json"]);
    expect(doc.paths["/{repo}/{snapshot}/simple/{project}/"]?.get?.parameters.map((p) => p.name)).toEqual(["repo", "snapshot", "project", "accept"]);
    expect(doc.paths["/{repo}/legacy/"]?.post?.requestBody?.content).toHaveProperty(["multipart/form-data"]);
    expect(doc.paths["/{repo}/src/contrib/PACKAGES.gz"]?.get?.tags).toEqual(["protocols: r"]);
    expect(doc.paths["/{repo}/{snapshot}/label/{label}/{subdir}/repodata.json"]?.get?.tags).toEqual(["protocols: conda"]);
  });
});

function lowerMethod(method: string): (typeof OPENAPI_METHODS)[number] {
  const lower = method.toLowerCase();
  const found = OPENAPI_METHODS.find((m) => m === lower);
  if (!found) throw new Error(`no OpenAPI method for ${method}`);
  return found;
}

import { z } from "zod";
import { allOperations } from "./contract.js";
import { type OperationSpec, pathParamNames } from "./operation.js";
import { type ProtocolOperation, protocolOperations } from "./protocol-operations.js";

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses it). */
export type JsonSchema = Record<string, unknown>;

/** A path, query or header parameter. */
export interface OpenApiParameter {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

/** The schema and example of one media type. */
export interface OpenApiMedia {
  schema?: JsonSchema;
  example?: unknown;
}

/** One answer of an operation. */
export interface OpenApiResponse {
  description: string;
  content?: Record<string, OpenApiMedia>;
}

/** One operation of the document. */
export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  "x-scopes": string;
  parameters: OpenApiParameter[];
  requestBody?: { required: boolean; description?: string; content: Record<string, OpenApiMedia> };
  responses: Record<string, OpenApiResponse>;
  security?: Record<string, string[]>[];
}

/** Lower-case methods, in the order the document lists them within a path. */
export const OPENAPI_METHODS = ["get", "head", "post", "put", "patch", "delete"] as const;
/** One of OPENAPI_METHODS. */
export type OpenApiMethod = (typeof OPENAPI_METHODS)[number];

/** The OpenAPI 3.1 document of the JSON API and the repo protocols. */
export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  tags: { name: string }[];
  components: { securitySchemes: Record<string, { type: "http"; scheme: string; description: string }> };
  security: Record<string, string[]>[];
  paths: Record<string, Partial<Record<OpenApiMethod, OpenApiOperation>>>;
}

const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});

/** A zod schema as the JSON Schema of what a client sends or receives (`$schema` dropped: the document sets the dialect). */
export function toJsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  return rest;
}

/** `/__api__/tokens/:guid` → `/__api__/tokens/{guid}`. */
export function openApiPath(template: string): string {
  return template.replace(/:([A-Za-z][A-Za-z0-9]*)/g, "{$1}");
}

function pathParameters(path: string, docs: Readonly<Record<string, string>> = {}): OpenApiParameter[] {
  return pathParamNames(path).map((name) => ({
    name,
    in: "path",
    required: true,
    ...(docs[name] ? { description: docs[name] } : {}),
    schema: { type: "string" },
  }));
}

function queryParameters(query: z.ZodObject | undefined): OpenApiParameter[] {
  if (!query) return [];
  const schema = toJsonSchema(query);
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: "query",
    required: required.has(name),
    ...(typeof property.description === "string" ? { description: property.description } : {}),
    schema: property,
  }));
}

function describe(summary: string | undefined, scopes: string): string {
  return summary ? `${summary}\n\nNeeds: ${scopes}` : `Needs: ${scopes}`;
}

const errorResponse = (): OpenApiResponse => ({ description: "error: `{\"error\":{code,message,field?}}`", content: { "application/json": { schema: toJsonSchema(errorSchema) } } });

function media(schema: z.ZodType, example: unknown): OpenApiMedia {
  return { schema: toJsonSchema(schema), ...(example === undefined ? {} : { example }) };
}

function requestBodyOf(op: OperationSpec): OpenApiOperation["requestBody"] {
  if (op.body) return { required: true, content: { "application/json": media(op.body, op.example?.body) } };
  if (op.rawBody) return { required: true, description: op.rawBody.description, content: { [op.rawBody.contentType]: { schema: { type: "string", contentMediaType: op.rawBody.contentType } } } };
  return undefined;
}

/** What every operation, JSON or protocol, says of itself: its id, summary, prose, tag and scopes. */
function describedBy(op: OperationSpec | ProtocolOperation): Pick<OpenApiOperation, "operationId" | "summary" | "description" | "tags" | "x-scopes"> {
  return { operationId: op.id, summary: op.summary, description: describe(op.description, op.scopes), tags: [op.tag], "x-scopes": op.scopes };
}

function jsonOperation(op: OperationSpec): OpenApiOperation {
  const requestBody = requestBodyOf(op);
  return {
    ...describedBy(op),
    parameters: [...pathParameters(op.path, op.paramDocs), ...queryParameters(op.query)],
    ...(requestBody ? { requestBody } : {}),
    responses: {
      [String(op.success)]: { description: "success", content: { "application/json": media(op.response, op.example?.response) } },
      default: errorResponse(),
    },
    // Open operations (a leak report) take no credentials.
    ...(op.scopes === "none" ? { security: [] } : {}),
  };
}

function protocolOperation(op: ProtocolOperation): OpenApiOperation {
  const headers = Object.entries(op.headers ?? {}).map(([name, description]): OpenApiParameter => ({ name, in: "header", required: false, description, schema: { type: "string" } }));
  const responses: Record<string, OpenApiResponse> = {};
  for (const answer of op.responses) {
    const content = Object.fromEntries(answer.mediaTypes.map((type) => [type, type === "application/json" && answer.status >= 400 ? { schema: toJsonSchema(errorSchema) } : {}]));
    responses[String(answer.status)] = { description: answer.description, ...(answer.mediaTypes.length > 0 ? { content } : {}) };
  }
  return {
    ...describedBy(op),
    parameters: [...pathParameters(op.path, op.paramDocs), ...headers],
    ...(op.requestBody ? { requestBody: { required: true, description: op.requestBody.description, content: { [op.requestBody.contentType]: {} } } } : {}),
    responses,
    // Reads of public repos need no credentials; the others take the usual ones.
    ...(op.method === "GET" ? { security: [{}, { basic: [] }, { bearer: [] }] } : {}),
  };
}

/** Two operations sharing an id or a method and path: a contract bug, refused rather than listed twice. */
export class DuplicateOperationError extends Error {
  readonly code = "DUPLICATE_OPERATION";
}

type Entry = { id: string; method: string; path: string; build: () => OpenApiOperation };

function entriesOf(): Entry[] {
  return [
    ...allOperations().map((op) => ({ id: op.id, method: op.method, path: op.path, build: () => jsonOperation(op) })),
    ...protocolOperations().map((op) => ({ id: op.id, method: op.method, path: op.path, build: () => protocolOperation(op) })),
  ];
}

function isOpenApiMethod(method: string): method is OpenApiMethod {
  return (OPENAPI_METHODS as readonly string[]).includes(method);
}

/**
 * The OpenAPI 3.1 document of every contract operation and repo protocol endpoint, built from the
 * contract alone (pure: the same input gives the same document). Paths keep declaration order,
 * methods within a path follow OPENAPI_METHODS; a duplicate id or (method, path) throws.
 * @example buildOpenApiDocument("0.1.0").paths["/__api__/tokens"]?.post?.operationId // "tokens.create"
 */
export function buildOpenApiDocument(version: string): OpenApiDocument {
  const ids = new Set<string>();
  const built = new Map<string, Map<OpenApiMethod, OpenApiOperation>>();
  const tags: string[] = [];
  for (const entry of entriesOf()) {
    const method = entry.method.toLowerCase();
    if (!isOpenApiMethod(method)) throw new TypeError(`${entry.id}: method ${entry.method} has no OpenAPI name`);
    const path = openApiPath(entry.path);
    const methods = built.get(path) ?? new Map<OpenApiMethod, OpenApiOperation>();
    if (ids.has(entry.id)) throw new DuplicateOperationError(`operation id ${entry.id} is declared twice`);
    if (methods.has(method)) throw new DuplicateOperationError(`${entry.method} ${path} is declared twice (again by ${entry.id})`);
    ids.add(entry.id);
    const op = entry.build();
    methods.set(method, op);
    built.set(path, methods);
    for (const tag of op.tags) if (!tags.includes(tag)) tags.push(tag);
  }
  const paths: OpenApiDocument["paths"] = {};
  for (const [path, methods] of built) {
    paths[path] = Object.fromEntries(OPENAPI_METHODS.filter((m) => methods.has(m)).map((m) => [m, methods.get(m)]));
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Gatehouse API",
      version,
      description: "The JSON API under /__api__/ and the repo protocols (pip, twine, R, BiocManager, conda). Errors are JSON: {\"error\":{\"code\",\"message\",\"field\"}}.",
    },
    tags: tags.map((name) => ({ name })),
    components: {
      securitySchemes: {
        basic: { type: "http", scheme: "basic", description: "login __token__, password = token" },
        bearer: { type: "http", scheme: "bearer", description: "Authorization: Bearer <token>" },
      },
    },
    security: [{ basic: [] }, { bearer: [] }],
    paths,
  };
}

import { z } from "zod";

/** One documented operation of the JSON API. */
export interface OperationDoc {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  summary: string;
  tag: string;
  body?: z.ZodType;
  query?: z.ZodObject;
  response?: z.ZodType;
  success?: number;
  scopes?: string;
}

const operations: OperationDoc[] = [];

/** Adds an operation to the OpenAPI document (route modules call this beside their handlers). */
export function documentOperation(op: OperationDoc): void {
  operations.push(op);
}

const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});

function toJsonSchema(schema: z.ZodType): unknown {
  return z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
}

/** The OpenAPI 3.1 document for every documented operation. */
export function buildOpenApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const path = op.path.replace(/:([A-Za-z]+)/g, "{$1}");
    const params = [...op.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
    const queryParams = op.query
      ? Object.keys(op.query.shape).map((name) => ({ name, in: "query", required: false, schema: { type: "string" } }))
      : [];
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[op.method] = {
      summary: op.summary,
      tags: [op.tag],
      ...(op.scopes ? { description: `Needs: ${op.scopes}` } : {}),
      parameters: [...params, ...queryParams],
      ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: toJsonSchema(op.body) } } } } : {}),
      responses: {
        [String(op.success ?? 200)]: {
          description: "success",
          ...(op.response ? { content: { "application/json": { schema: toJsonSchema(op.response) } } } : {}),
        },
        default: { description: "error", content: { "application/json": { schema: toJsonSchema(errorSchema) } } },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Gatehouse API", version },
    components: {
      securitySchemes: {
        basic: { type: "http", scheme: "basic", description: "login __token__, password = token" },
        bearer: { type: "http", scheme: "bearer" },
      },
    },
    security: [{ basic: [] }, { bearer: [] }],
    paths,
  };
}

/** Documented operations, for the rendered docs page. */
export function listOperations(): readonly OperationDoc[] {
  return operations;
}

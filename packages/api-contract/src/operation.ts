import type { z } from "zod";

/** HTTP methods the JSON API uses. */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** A request body that is not JSON (a file upload): its media type and what it carries. */
export interface RawBody {
  contentType: string;
  description: string;
}

/**
 * One JSON API operation, declared once: the server validates with it, the OpenAPI document is
 * built from it, and the typed client builds its requests and checks its answers with it.
 */
export interface OperationSpec {
  /** Stable name, `<tag>.<verb>` (`tokens.create`); the OpenAPI operationId. */
  readonly id: string;
  readonly method: HttpMethod;
  /** Hono-style template: `/__api__/tokens/:guid`. Every `:name` is a required path parameter. */
  readonly path: `/${string}`;
  readonly tag: string;
  readonly summary: string;
  /** Longer prose for the docs page, when the summary is not enough. */
  readonly description?: string;
  /** Which token scopes (in either vocabulary) may call it; "any caller" when open. */
  readonly scopes: string;
  /** What each path parameter names, for the docs. */
  readonly paramDocs?: Readonly<Record<string, string>>;
  /** Query parameters; every value travels as a string. */
  readonly query?: z.ZodObject;
  /** A JSON request body. */
  readonly body?: z.ZodType;
  /** A raw request body (uploads) instead of JSON. */
  readonly rawBody?: RawBody;
  /** The JSON answer on success. */
  readonly response: z.ZodType;
  readonly success: 200 | 201 | 202;
  /** A request body and answer to show on the docs page (checked against the schemas by the tests). */
  readonly example?: { readonly body?: unknown; readonly response?: unknown };
}

type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** The path parameters a template names, each a string: `/a/:b/:c` → `{ b: string; c: string }`. */
export type PathParams<P extends string> = { [K in ParamNames<P>]: string };

type ParamsInput<O extends OperationSpec> = [ParamNames<O["path"]>] extends [never] ? unknown : { params: PathParams<O["path"]> };
type QueryInput<O extends OperationSpec> = O extends { query: infer Q extends z.ZodObject } ? { query?: z.input<Q> } : unknown;
type BodyInput<O extends OperationSpec> = O extends { body: infer B extends z.ZodType } ? { body: z.input<B> } : unknown;

/** What a caller passes to send an operation: its path parameters, query and JSON body, as declared. */
export type OperationInput<O extends OperationSpec> = ParamsInput<O> & QueryInput<O> & BodyInput<O>;

/** The parsed answer of an operation. */
export type OperationOutput<O extends OperationSpec> = z.output<O["response"]>;

/** The JSON body a handler may answer with: what the response schema accepts. */
export type OperationReply<O extends OperationSpec> = z.input<O["response"]>;

/** The JSON body of an operation's request, after validation. */
export type OperationBody<O extends OperationSpec> = O extends { body: infer B extends z.ZodType } ? z.output<B> : never;

/** The query of an operation's request, after validation. */
export type OperationQuery<O extends OperationSpec> = O extends { query: infer Q extends z.ZodObject } ? z.output<Q> : never;

/**
 * Declares an operation, keeping its path literal so its parameters are typed.
 * @example
 * const revoke = operation({ id: "tokens.delete", method: "DELETE", path: "/__api__/tokens/:guid", … });
 * // OperationInput<typeof revoke> is { params: { guid: string } }
 */
export function operation<const O extends OperationSpec>(spec: O): O {
  return spec;
}

/** The names of a template's path parameters, in order. */
export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z][A-Za-z0-9]*)/g)].map((m) => m[1] ?? "");
}

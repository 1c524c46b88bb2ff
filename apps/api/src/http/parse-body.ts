import type { Context } from "hono";
import type { z } from "zod";
import { ApiError } from "./api-error.js";

function fieldOf(path: readonly PropertyKey[]): string | undefined {
  const first = path[0];
  return typeof first === "string" ? first : undefined;
}

/** Parses a JSON body with a zod schema; a bad body is a 400 naming the field. */
export async function parseJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new ApiError("INVALID_INPUT", "the request body must be JSON");
  }
  return parseWith(schema, raw);
}

/** Validates a value with a zod schema; failures become INVALID_INPUT naming the field. */
export function parseWith<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue ? fieldOf(issue.path) : undefined;
  const where = field ? `${field}: ` : "";
  throw new ApiError("INVALID_INPUT", `${where}${issue?.message ?? "invalid input"}`, {}, field);
}

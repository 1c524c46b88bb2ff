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
  const nul = findNulField(raw);
  if (nul !== undefined) {
    // Postgres refuses NUL in text: refused here it is the client's error, not a 500.
    throw new ApiError("INVALID_INPUT", `${nul ? `${nul}: ` : ""}a NUL character (\\u0000) is not allowed in any value`, {}, nul || undefined);
  }
  return parseWith(schema, raw);
}

/**
 * The top-level field (or "" for the body itself) of the first string, key
 * or value, holding a NUL character; undefined when there is none. Walked
 * with a stack, not recursion: a deeply nested body cannot overflow it.
 *
 * @example
 * findNulField({ name: "ok", tags: ["a\u0000"] }) // "tags"
 */
export function findNulField(body: unknown): string | undefined {
  const pending: { value: unknown; field: string }[] = [{ value: body, field: "" }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, field } = next;
    if (typeof value === "string") {
      if (value.includes("\0")) return field;
    } else if (Array.isArray(value)) {
      for (const item of value) pending.push({ value: item, field });
    } else if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) {
        if (key.includes("\0")) return field || key;
        pending.push({ value: item, field: field || key });
      }
    }
  }
  return undefined;
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

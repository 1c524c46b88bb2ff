import { z } from "zod";

function unknownFieldMessage(shape: z.core.$ZodLooseShape): string {
  return `unknown field; known fields: ${Object.keys(shape).join(", ")}`;
}

/**
 * A query schema that refuses unknown parameters with a message naming them,
 * so a misspelt filter is a 400 instead of silently listing everything.
 *
 * @example
 * const query = strictFields({ name: z.string().optional() }); // ?nmae=x → 400 "unknown field 'nmae' …"
 */
export function strictFields<S extends z.core.$ZodLooseShape>(shape: S) {
  return z.strictObject(shape, {
    error: (issue) => (issue.code === "unrecognized_keys" ? `${issue.keys.map((k) => `'${k}'`).join(", ")}: ${unknownFieldMessage(shape)}` : undefined),
  });
}

/**
 * A JSON body schema that names an unknown field before anything else: a misspelt field
 * (`valeu`) is reported as itself, not as the missing field it was meant to be.
 *
 * @example
 * const body = strictBody({ value: z.string() }); // {"valeu": "x"} → 400, field "valeu"
 */
export function strictBody<S extends z.core.$ZodLooseShape>(shape: S) {
  const fields = strictFields(shape);
  // The third type argument keeps the body's input type (preprocess would make it unknown), so typed clients stay typed.
  return z.preprocess<unknown, typeof fields, z.input<typeof fields>>((value: unknown, ctx) => {
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      const unknown = Object.keys(value).find((key) => !Object.hasOwn(shape, key));
      if (unknown !== undefined) ctx.addIssue({ code: "custom", message: unknownFieldMessage(shape), path: [unknown], input: value });
    }
    return value;
  }, fields);
}

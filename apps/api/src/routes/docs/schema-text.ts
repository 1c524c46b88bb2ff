import type { JsonSchema } from "@gatehouse/api-contract";

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A short type for a parameter's schema, as people read it: `string`, `one of a | b`, `integer ≥ 1`.
 * @example typeLabel({ type: "string", enum: ["true", "false"] }) // "one of true | false"
 */
export function typeLabel(schema: JsonSchema): string {
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((v) => JSON.stringify(v).replace(/^"|"$/g, "")).join(" | ")}`;
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const alternatives = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : null;
  if (alternatives) return alternatives.filter(isSchema).map(typeLabel).join(" | ");
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : typeof schema.type === "string" ? schema.type : "any";
  if (type === "array" && isSchema(schema.items)) return `array of ${typeLabel(schema.items)}`;
  const bounds = [
    typeof schema.minimum === "number" ? `≥ ${schema.minimum}` : "",
    typeof schema.maximum === "number" ? `≤ ${schema.maximum}` : "",
    typeof schema.pattern === "string" ? `matching ${schema.pattern}` : "",
  ].filter(Boolean);
  return [type, ...bounds].join(" ");
}

/** A schema or example as indented JSON for a `<pre>`. */
export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

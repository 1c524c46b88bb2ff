/** A submitted form: every field name with all its values (checkbox groups have several). */
export type FormValues = Readonly<Record<string, readonly string[]>>;

/**
 * The first value of a field, trimmed; "" when absent.
 * @example readField({ user: ["  ann "] }, "user") // "ann"
 */
export function readField(values: FormValues, name: string): string {
  return (values[name]?.[0] ?? "").trim();
}

/**
 * Every non-empty value of a field, trimmed.
 * @example readFields({ scopes: ["pypi", " "] }, "scopes") // ["pypi"]
 */
export function readFields(values: FormValues, name: string): string[] {
  return (values[name] ?? []).map((v) => v.trim()).filter((v) => v !== "");
}

/** Whether a database error is a unique-constraint violation (same SQLSTATE on pg and PGlite). */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && "code" in err && (err as { code: unknown }).code === "23505";
}

/** The Basic-auth realm for a path: the repo name for repo URLs, `gatehouse` for the API and the rest. */
export function realmOf(path: string): string {
  const first = path.split("/")[1] ?? "";
  if (!first || first.startsWith("__") || first === "healthz" || first === "metrics") return "gatehouse";
  return first.replace(/[^a-z0-9._-]/g, "");
}

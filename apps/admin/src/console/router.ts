/** A console screen, as named by the URL's hash (never holds a secret). */
export type Route =
  | { name: "tokens" }
  | { name: "repos" }
  | { name: "sources" }
  | { name: "source-files"; source: string }
  | { name: "blocklist" }
  | { name: "metadata" }
  | { name: "audit" }
  | { name: "explain" };

/** The top-level screens, in navigation order. */
export const NAV_ITEMS: readonly { name: Route["name"]; label: string; hash: string }[] = [
  { name: "tokens", label: "Tokens", hash: "#/tokens" },
  { name: "repos", label: "Repos", hash: "#/repos" },
  { name: "sources", label: "Sources", hash: "#/sources" },
  { name: "blocklist", label: "Blocklist", hash: "#/blocklist" },
  { name: "metadata", label: "Metadata", hash: "#/metadata" },
  { name: "audit", label: "Audit log", hash: "#/audit" },
  { name: "explain", label: "Explain", hash: "#/explain" },
];

/**
 * Reads a location hash; anything unknown is the tokens screen.
 * @example parseRoute("#/sources/py-local") // { name: "source-files", source: "py-local" }
 */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter((p) => p !== "");
  const [first, second] = parts;
  if (first === "sources" && second !== undefined) return { name: "source-files", source: safeDecode(second) };
  switch (first) {
    case "repos":
    case "sources":
    case "blocklist":
    case "metadata":
    case "audit":
    case "explain":
      return { name: first };
    default:
      return { name: "tokens" };
  }
}

/**
 * The hash for a route.
 * @example routeHash({ name: "source-files", source: "py-local" }) // "#/sources/py-local"
 */
export function routeHash(route: Route): string {
  return route.name === "source-files" ? `#/sources/${encodeURIComponent(route.source)}` : `#/${route.name}`;
}

/**
 * The navigation item a route belongs to (a source's files live under Sources).
 * @example navItemOf({ name: "source-files", source: "x" }) // "sources"
 */
export function navItemOf(route: Route): Route["name"] {
  return route.name === "source-files" ? "sources" : route.name;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

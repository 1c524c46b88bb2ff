/** A console screen, as named by the URL's hash (never holds a secret). */
export type Route =
  | { name: "overview" }
  | { name: "tokens" }
  | { name: "repos" }
  | { name: "repo-packages"; repo: string }
  | { name: "repo-setup"; repo: string }
  | { name: "sources" }
  | { name: "source-files"; source: string }
  | { name: "orgs" }
  | { name: "org"; org: string }
  | { name: "blocklist" }
  | { name: "metadata" }
  | { name: "audit" }
  | { name: "explain" };

/** The names of the top-level screens (those with a tab). */
export type NavName = "overview" | "tokens" | "repos" | "sources" | "orgs" | "blocklist" | "metadata" | "audit" | "explain";

/** The top-level screens, in navigation order. */
export const NAV_ITEMS: readonly { name: NavName; label: string; hash: string }[] = [
  { name: "overview", label: "Overview", hash: "#/overview" },
  { name: "tokens", label: "Tokens", hash: "#/tokens" },
  { name: "repos", label: "Repos", hash: "#/repos" },
  { name: "sources", label: "Sources", hash: "#/sources" },
  { name: "orgs", label: "Organizations", hash: "#/orgs" },
  { name: "blocklist", label: "Blocklist", hash: "#/blocklist" },
  { name: "metadata", label: "Metadata", hash: "#/metadata" },
  { name: "audit", label: "Audit log", hash: "#/audit" },
  { name: "explain", label: "Explain", hash: "#/explain" },
];

/**
 * Reads a location hash. Anything unknown is the tokens screen, which stays the landing page
 * (bookmarks and scripts that open `/__admin__/` expect it); the overview has its own tab.
 * @example parseRoute("#/repos/pypi/setup") // { name: "repo-setup", repo: "pypi" }
 */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter((p) => p !== "");
  const [first, second, third] = parts;
  if (second !== undefined) {
    const name = safeDecode(second);
    if (first === "sources") return { name: "source-files", source: name };
    if (first === "orgs") return { name: "org", org: name };
    if (first === "repos") return third === "setup" ? { name: "repo-setup", repo: name } : { name: "repo-packages", repo: name };
  }
  switch (first) {
    case "overview":
    case "repos":
    case "sources":
    case "orgs":
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
 * @example routeHash({ name: "org", org: "data science" }) // "#/orgs/data%20science"
 */
export function routeHash(route: Route): string {
  switch (route.name) {
    case "source-files":
      return `#/sources/${encodeURIComponent(route.source)}`;
    case "org":
      return `#/orgs/${encodeURIComponent(route.org)}`;
    case "repo-packages":
      return `#/repos/${encodeURIComponent(route.repo)}`;
    case "repo-setup":
      return `#/repos/${encodeURIComponent(route.repo)}/setup`;
    default:
      return `#/${route.name}`;
  }
}

/**
 * The navigation item a route belongs to (a source's files live under Sources, an org under Organizations).
 * @example navItemOf({ name: "repo-setup", repo: "x" }) // "repos"
 */
export function navItemOf(route: Route): NavName {
  switch (route.name) {
    case "source-files":
      return "sources";
    case "org":
      return "orgs";
    case "repo-packages":
    case "repo-setup":
      return "repos";
    default:
      return route.name;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

import type { IncomingMessage } from "node:http";
import { isValidProjectName, normalizeProjectName } from "@gatehouse/repo-index";
import { extractCredential } from "../middleware/credentials.js";
import { chooseSimpleContentType } from "../protocols/python/simple-pages.js";

/** A request the fast path may answer: a canonical project page of the latest snapshot. */
export interface FastPageRequest {
  repo: string;
  project: string;
  contentType: string;
  /** The presented token, or null for an anonymous request. */
  token: string | null;
  head: boolean;
}

// `/<repo>/simple/<project>/` or `/<repo>/latest/simple/<project>/`, with the name already in its
// normalized form and no `%`, query or `/t/` anywhere: everything else (redirects, escapes, dated
// snapshots, path tokens) is left to the routes.
const PAGE_PATH = /^\/([a-z0-9][a-z0-9._-]*)\/(?:latest\/)?simple\/([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\/$/;
const MEMO_LIMIT = 1_000;

/** Small memo of pure header parses (Accept → media type, Authorization → token), bounded by clearing when full. */
class Memo<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly compute: (key: string) => V) {}
  get(key: string): V {
    let value = this.map.get(key);
    if (value === undefined) {
      value = this.compute(key);
      if (this.map.size >= MEMO_LIMIT) this.map.clear();
      this.map.set(key, value);
    }
    return value;
  }
}

const NO_ACCEPT = "\u0000";
const contentTypes = new Memo((accept: string) => chooseSimpleContentType(accept === NO_ACCEPT ? undefined : accept));
// `false`: the header is one the routes refuse (unknown scheme, empty credentials); they answer it.
const tokens = new Memo((authorization: string) => {
  try {
    return extractCredential(authorization, undefined)?.token ?? false;
  } catch {
    return false;
  }
});

function authorizationCount(raw: readonly string[]): number {
  let count = 0;
  for (let i = 0; i < raw.length; i += 2) if (raw[i]?.length === 13 && raw[i]?.toLowerCase() === "authorization") count++;
  return count;
}

/**
 * The request as the fast path sees it, or undefined when it is not one the
 * fast path answers (then the routes do, with every check they make).
 * @example parseFastPageRequest(req)?.project // "numpy"
 */
export function parseFastPageRequest(req: IncomingMessage): FastPageRequest | undefined {
  const method = req.method;
  if (method !== "GET" && method !== "HEAD") return undefined;
  const url = req.url ?? "";
  const m = PAGE_PATH.exec(url);
  if (!m || url.startsWith("/t/")) return undefined;
  const [, repo = "", project = ""] = m;
  if (normalizeProjectName(project) !== project || !isValidProjectName(project)) return undefined;
  const headers = req.headers;
  // A GET with a body: the routes refuse or drain it.
  if (headers["content-length"] !== undefined || headers["transfer-encoding"] !== undefined) return undefined;
  let token: string | null = null;
  const authorization = headers.authorization;
  if (authorization !== undefined) {
    // Node keeps the first of several Authorization headers, the routes see them joined: let them answer.
    if (authorizationCount(req.rawHeaders) !== 1) return undefined;
    const presented = tokens.get(authorization);
    if (presented === false) return undefined;
    token = presented;
  }
  return { repo, project, contentType: contentTypes.get(headers.accept ?? NO_ACCEPT), token, head: method === "HEAD" };
}

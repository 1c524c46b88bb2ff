/** A response read whole: status, headers and the body as bytes and as text. */
export interface Fetched {
  status: number;
  headers: Headers;
  bytes: Buffer;
  text: string;
}

/** How a request presents its token: none, HTTP Basic (as pip, twine and R send it), or a `/t/<token>/` prefix. */
export type Presentation = { kind: "anonymous" } | { kind: "basic"; token: string } | { kind: "path"; token: string };

/**
 * GETs `base + path` the way a client would, presenting the token as asked.
 * @example await fetchPath(gh.url, "/py-open/latest/simple/", { kind: "basic", token })
 */
export async function fetchPath(base: string, path: string, presentation: Presentation, headers: Record<string, string> = {}): Promise<Fetched> {
  const prefix = presentation.kind === "path" ? `/t/${presentation.token}` : "";
  const auth: Record<string, string> = presentation.kind === "basic" ? { authorization: `Basic ${Buffer.from(`__token__:${presentation.token}`).toString("base64")}` } : {};
  // No automatic decompression surprises: gzip files must arrive as the bytes R reads.
  const res = await fetch(`${base}${prefix}${path}`, { headers: { "accept-encoding": "identity", ...auth, ...headers }, redirect: "manual" });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, text: bytes.toString("utf8") };
}

/** The JSON error a Gatehouse error response carries (`{error:{code,message}}`), or null when the body is not one. */
export function readErrorBody(res: Fetched): { code: string; message: string } | null {
  try {
    const body = JSON.parse(res.text) as { error?: { code?: unknown; message?: unknown } };
    const { code, message } = body.error ?? {};
    return typeof code === "string" && typeof message === "string" ? { code, message } : null;
  } catch {
    return null;
  }
}

import { spawnSync } from "node:child_process";

/** What curl saw: status, headers (lower-cased names) and body. */
export interface CurlResult {
  status: number;
  /** The reason phrase of the (last) status line. */
  reason: string;
  headers: Record<string, string>;
  body: string;
}

/** Runs the real curl with the given arguments and a URL, capturing status and headers. */
export function curl(args: readonly string[], url: string): CurlResult {
  const r = spawnSync("curl", ["-sS", "-D", "-", ...args, url], { encoding: "utf8", timeout: 60_000 });
  const text = r.stdout ?? "";
  // With -D - the header blocks (one per response, e.g. after redirects) precede the body.
  let rest = text;
  let status = 0;
  let reason = "";
  let headers: Record<string, string> = {};
  while (rest.startsWith("HTTP/")) {
    const end = rest.indexOf("\r\n\r\n");
    const block = rest.slice(0, end);
    rest = rest.slice(end + 4);
    const [first, ...lines] = block.split("\r\n");
    status = Number(first?.split(" ")[1]);
    reason = first?.split(" ").slice(2).join(" ") ?? "";
    headers = Object.fromEntries(
      lines.map((l) => {
        const i = l.indexOf(":");
        return [l.slice(0, i).toLowerCase(), l.slice(i + 1).trim()];
      }),
    );
  }
  return { status, reason, headers, body: rest };
}

/** curl with a token as HTTP Basic (`__token__` login). */
export function curlAs(token: string, url: string, args: readonly string[] = []): CurlResult {
  return curl(["-u", `__token__:${token}`, ...args], url);
}

import { lookup as dnsLookup } from "node:dns";
import type { IncomingMessage } from "node:http";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { isIP } from "node:net";
import { refusalOf } from "./upstream-address.js";
import { upstreamFailed, upstreamHostOf, upstreamTimedOut } from "./upstream-error.js";

/** How one upstream request is bounded and authenticated. */
export interface UpstreamRequestOptions {
  allowPrivate: boolean;
  timeoutMs: number;
  accept?: string;
  /** Sent as `Authorization: Bearer …`; never logged or echoed. */
  token?: string | undefined;
  /** Conditional request headers (If-None-Match, If-Modified-Since): a 304 is then an answer, not an error. */
  conditional?: Record<string, string>;
}

const MAX_REDIRECTS = 3;

/** Checks a URL before any connection: http(s) only, and an IP literal host must be an allowed address. */
export function checkUpstreamUrl(raw: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw upstreamFailed(raw.slice(0, 80), "is not a URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw upstreamFailed(url.host, `uses ${url.protocol} (only http and https upstreams are allowed)`);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) !== 0) {
    const why = refusalOf(host, allowPrivate);
    if (why) throw upstreamFailed(url.host, `is ${why}`);
  }
  return url;
}

/** A DNS lookup that refuses, at connect time, every resolved address an upstream may not have. */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, "", 4);
      const list = Array.isArray(addresses) ? addresses : [];
      for (const a of list) {
        const why = refusalOf(a.address, allowPrivate);
        if (why) return callback(Object.assign(new Error(`${hostname} resolves to ${why}`), { code: "EREFUSED_ADDRESS" }), "", 4);
      }
      const first = list[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "", 4);
      if (options.all) return callback(null, list);
      return callback(null, first.address, first.family);
    });
  };
}

function requestOnce(url: URL, options: UpstreamRequestOptions): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { "user-agent": "gatehouse-mirror", accept: options.accept ?? "*/*" };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    Object.assign(headers, options.conditional);
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const req = send(url, { method: "GET", headers, lookup: guardedLookup(options.allowPrivate) }, resolve);
    req.setTimeout(options.timeoutMs, () => req.destroy(upstreamTimedOut(url.host, options.timeoutMs)));
    req.on("error", (err: Error & { code?: string }) => {
      if ((err as { code?: string }).code === "UPSTREAM_TIMEOUT") return reject(err);
      reject(upstreamFailed(url.host, err.message.includes("resolves to") ? err.message.replace(/^[^ ]+ /, "") : `could not be reached (${err.code ?? err.message})`));
    });
    req.end();
  });
}

/**
 * GETs an upstream URL with every safety rule applied (scheme, addresses at
 * connect time, redirects re-checked, a time bound per request) and returns the
 * response of the final hop; a status other than 200 (or 304 to a conditional
 * request) is an UPSTREAM_FAILED error.
 *
 * @example const res = await getUpstream("https://pypi.org/simple/numpy/", { allowPrivate: false, timeoutMs: 10_000 });
 */
export async function getUpstream(raw: string, options: UpstreamRequestOptions): Promise<{ url: URL; response: IncomingMessage }> {
  let url = checkUpstreamUrl(raw, options.allowPrivate);
  for (let hop = 0; ; hop++) {
    const response = await requestOnce(url, options);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status >= 300 && status < 400 && location) {
      response.resume();
      if (hop >= MAX_REDIRECTS) throw upstreamFailed(url.host, `redirected more than ${MAX_REDIRECTS} times`);
      const next = new URL(location, url);
      // The token goes only to the host it was configured for.
      const sameHost = next.host === url.host;
      url = checkUpstreamUrl(next.toString(), options.allowPrivate);
      if (!sameHost) options = { ...options, token: undefined };
      continue;
    }
    if (status === 304 && options.conditional) return { url, response };
    if (status !== 200) {
      response.resume();
      const error = upstreamFailed(url.host, `answered ${status}`);
      throw Object.assign(error, { upstreamStatus: status });
    }
    return { url, response };
  }
}

/** Reads a whole (index) response, refusing one larger than `maxBytes`. */
export async function readBounded(response: IncomingMessage, maxBytes: number, host: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > maxBytes) {
      response.destroy();
      throw upstreamFailed(host, `sent an index larger than ${maxBytes} bytes`);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export { upstreamHostOf };

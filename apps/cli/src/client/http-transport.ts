import { type IncomingMessage, request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { Readable } from "node:stream";
import type { ApiRequest, ApiResponse, Transport } from "./api-client.js";

function responseOf(res: IncomingMessage): ApiResponse {
  let body: Promise<string> | undefined;
  const text = () => {
    body ??= (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of res) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString("utf8");
    })();
    return body;
  };
  const status = res.statusCode ?? 0;
  return { status, ok: status >= 200 && status < 300, text, json: async () => JSON.parse(await text()) as unknown };
}

/**
 * Remote mode over node:http(s), not fetch: the first fetch of a process loads and compiles
 * Node's bundled undici (~40 ms on a quiet machine, far more on a busy one), most of a short
 * command's run. Paths are sent under the address's own path (a server behind a prefix).
 */
export function httpTransport(base: URL): Transport {
  const send = base.protocol === "https:" ? httpsRequest : httpRequest;
  const prefix = base.pathname.replace(/\/$/, "");
  return (r: ApiRequest) =>
    new Promise<ApiResponse>((resolve, reject) => {
      const target = new URL(`${prefix}${r.url.pathname}${r.url.search}`, base);
      const req = send(target, { method: r.method, headers: r.headers }, (res) => resolve(responseOf(res)));
      req.on("error", reject);
      if (r.body === undefined) req.end();
      else if (typeof r.body === "string" || r.body instanceof Uint8Array) req.end(r.body);
      else Readable.fromWeb(r.body as import("node:stream/web").ReadableStream<Uint8Array>).on("error", (err) => req.destroy(err)).pipe(req);
    });
}

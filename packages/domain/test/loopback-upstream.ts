import { createHash } from "node:crypto";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** A static upstream on loopback for mirror tests: fixed bodies by path, every request counted; unknown paths 404. */
export interface LoopbackUpstream {
  url: string;
  /** Paths asked for, in order. */
  requests: string[];
  set(path: string, body: Buffer | string): void;
  remove(path: string): void;
  /** How many times a path was asked for. */
  count(path: string): number;
  /** Paths answered 304 Not Modified (every body carries an ETag; If-None-Match is honoured). */
  notModified: string[];
  close(): Promise<void>;
}

/** Starts a loopback upstream; answers are delayed by `delayMs` so concurrent requests overlap. */
export async function startLoopbackUpstream(delayMs = 20): Promise<LoopbackUpstream> {
  const routes = new Map<string, Buffer>();
  const requests: string[] = [];
  const notModified: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    requests.push(path);
    setTimeout(() => {
      const body = routes.get(path);
      if (body === undefined) {
        res.writeHead(404, { "content-type": "text/plain" }).end("not found");
        return;
      }
      const etag = `"${createHash("sha256").update(body).digest("hex").slice(0, 16)}"`;
      if (req.headers["if-none-match"] === etag) {
        notModified.push(path);
        res.writeHead(304, { etag }).end();
        return;
      }
      const type = path.startsWith("/simple/") ? "application/vnd.pypi.simple.v1+json" : path.endsWith(".json") ? "application/json" : "application/octet-stream";
      res.writeHead(200, { etag, "content-type": type }).end(body);
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    notModified,
    set: (path, body) => routes.set(path, Buffer.from(body)),
    remove: (path) => routes.delete(path),
    count: (path) => requests.filter((p) => p === path).length,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** What a static upstream answers for one path: a body with its type, or never (a hung upstream). */
export type StaticRoute = { body: Buffer | string; contentType: string } | "hang";

/** A small HTTP server on loopback serving fixed routes, to play an upstream index (test support). */
export interface StaticUpstream {
  url: string;
  /** Paths asked for, in order. */
  requests: string[];
  set(path: string, route: StaticRoute): void;
  close(): Promise<void>;
}

/** Starts a static upstream on a free loopback port; unknown paths answer 404. */
export async function startStaticUpstream(): Promise<StaticUpstream> {
  const routes = new Map<string, StaticRoute>();
  const requests: string[] = [];
  const hung = new Set<() => void>();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    requests.push(path);
    const route = routes.get(path);
    if (route === undefined) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    if (route === "hang") {
      // Never answered; closed when the test ends.
      hung.add(() => res.destroy());
      return;
    }
    res.writeHead(200, { "content-type": route.contentType }).end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    set: (path, route) => routes.set(path, route),
    async close() {
      for (const end of hung) end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

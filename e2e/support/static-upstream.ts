import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";

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

/** A folder served over HTTP by a child process (so it answers while the test blocks on a synchronous client run). */
export interface StaticFolderUpstream {
  url: string;
  /** The served folder: writing a file under it changes the upstream. */
  dir: string;
  /** Writes one file of the upstream (parents made as needed). */
  write(path: string, body: Buffer | string): void;
  /** Stops the server (connections refused, as from a host that is down) until `start`. */
  stop(): Promise<void>;
  /** Serves again on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

const FOLDER_SERVER = `
const { createServer } = require("node:http");
const { readFile } = require("node:fs/promises");
const { join, normalize } = require("node:path");
const [dir, port] = process.argv.slice(1);
const types = { ".json": "application/json", ".yaml": "text/yaml" };
createServer(async (req, res) => {
  const path = normalize(decodeURIComponent((req.url || "/").split("?")[0]));
  try {
    const body = await readFile(join(dir, path));
    const ext = path.slice(path.lastIndexOf("."));
    res.writeHead(200, { "content-type": types[ext] || "application/octet-stream" }).end(body);
  } catch {
    res.writeHead(404, { "content-type": "text/plain" }).end("not found");
  }
}).listen(Number(port), "127.0.0.1", function () { process.stdout.write(this.address().port + "\\n"); });
`;

/** Starts a child process serving `dir` on a free loopback port; unknown paths answer 404. */
export async function startStaticFolder(dir: string): Promise<StaticFolderUpstream> {
  let child: ChildProcess | undefined;
  let port = 0;
  const start = async () => {
    const proc = spawn(process.execPath, ["-e", FOLDER_SERVER, dir, String(port)], { stdio: ["ignore", "pipe", "inherit"] });
    child = proc;
    port = await new Promise<number>((resolve, reject) => {
      proc.stdout?.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
      proc.once("exit", (code) => reject(new Error(`static folder server exited with ${code}`)));
    });
  };
  const stop = async () => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((resolve) => proc.once("exit", resolve));
    proc.kill("SIGTERM");
    await exited;
  };
  await start();
  return {
    url: `http://127.0.0.1:${port}`,
    dir,
    write(path, body) {
      const target = join(dir, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, body);
    },
    stop,
    start,
    close: stop,
  };
}

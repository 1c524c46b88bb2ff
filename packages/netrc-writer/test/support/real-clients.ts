import { execFile, execFileSync } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import type { NetrcCredentials } from "../../src/index.js";

const run = promisify(execFile);

/** True when a command can be run on this machine. */
export function hasCommand(command: string, args: readonly string[]): boolean {
  try {
    execFileSync(command, args, { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** A loopback HTTP server answering `<host> <Authorization header or "none">` to every request. */
export interface EchoServer {
  port: number;
  close(): Promise<void>;
}

/** Starts the echo server on 127.0.0.1 with a free port. */
export async function startEchoServer(): Promise<EchoServer> {
  const server: Server = createServer((req, res) => {
    const host = (req.headers.host ?? "").replace(/:\d+$/, "");
    res.end(`${host} ${req.headers.authorization ?? "none"}\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

/** Asks the real curl which credentials it sends to each host (all hosts resolved to the echo server). */
export async function resolveWithRealCurl(
  file: string,
  hosts: readonly string[],
  port: number,
): Promise<Map<string, NetrcCredentials | null>> {
  const args = ["--silent", "--netrc-file", file];
  for (const host of hosts) args.push("--resolve", `${host}:${port}:127.0.0.1`);
  for (const host of hosts) args.push(`http://${host}:${port}/`);
  const { stdout } = await run("curl", args);
  const found = new Map<string, NetrcCredentials | null>();
  for (const line of stdout.trim().split("\n")) {
    const [host = "", scheme, encoded] = line.split(" ");
    if (scheme !== "Basic" || encoded === undefined) {
      found.set(host, null);
      continue;
    }
    const decoded = Buffer.from(encoded, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    found.set(host, { login: decoded.slice(0, colon), password: decoded.slice(colon + 1) });
  }
  return found;
}

const PYTHON_SCRIPT = `
import json, netrc, sys
try:
    n = netrc.netrc(sys.argv[1])
except netrc.NetrcParseError as e:
    print(json.dumps({"error": str(e)}))
    sys.exit(0)
out = {}
for h in sys.argv[2:]:
    a = n.authenticators(h)
    out[h] = None if a is None else {"login": a[0], "password": a[2]}
print(json.dumps({"hosts": out}))
`;

/** Asks the real Python `netrc` module what each host resolves to, or the error it raises. */
export async function resolveWithRealPython(
  file: string,
  hosts: readonly string[],
): Promise<{ error: string } | { hosts: Record<string, NetrcCredentials | null> }> {
  const { stdout } = await run("python3", ["-c", PYTHON_SCRIPT, file, ...hosts]);
  return JSON.parse(stdout) as { error: string } | { hosts: Record<string, NetrcCredentials | null> };
}

import { CliError } from "../cli-error.js";

/** Sends one request somewhere: over TCP, the local admin socket, or to an in-process app. */
export type Transport = (request: Request) => Promise<Response>;

interface ErrorBody {
  error?: { code?: string; message?: string; field?: string };
}

/**
 * A thin JSON client for the Gatehouse API; every CLI command goes through it,
 * whatever the transport, so local and remote mode behave the same.
 */
export class ApiClient {
  constructor(
    private readonly transport: Transport,
    readonly describe: string,
    private readonly token?: string,
  ) {}

  /** Sends a JSON request and returns the parsed body; API errors become CliErrors. */
  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.send(method, path, body === undefined ? undefined : JSON.stringify(body), {
      "content-type": "application/json",
    });
    return (await res.json()) as T;
  }

  /** Sends a raw request (uploads); errors are raised like `call`'s. */
  async send(method: string, path: string, body?: RequestInit["body"], headers: Record<string, string> = {}): Promise<Response> {
    const h = new Headers(headers);
    h.set("accept", "application/json");
    if (this.token) h.set("authorization", `Bearer ${this.token}`);
    const init: RequestInit & { duplex?: "half" } = { method, headers: h, ...(body !== undefined ? { body, duplex: "half" } : {}) };
    let res: Response;
    try {
      res = await this.transport(new Request(new URL(path, "http://gatehouse.local"), init));
    } catch (err) {
      const cause = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
      throw new CliError(`cannot reach the server at ${this.describe}: ${cause}`, { code: "UNREACHABLE", hint: "check --address / GATEHOUSE_ADDRESS and that the server runs" });
    }
    if (res.ok) return res;
    let parsed: ErrorBody = {};
    try {
      parsed = (await res.json()) as ErrorBody;
    } catch {
      // Not our JSON (a proxy page?): report the status alone.
    }
    throw new CliError(parsed.error?.message ?? `the server answered HTTP ${res.status}`, {
      code: parsed.error?.code ?? `HTTP_${res.status}`,
      ...(parsed.error?.field ? { field: parsed.error.field } : {}),
      status: res.status,
    });
  }
}

import { type OperationInput, type OperationOutput, type OperationSpec, pathFor, prepareRequest, readAnswer } from "@gatehouse/api-contract";
import { CliError } from "../cli-error.js";

/** One API request, before any transport: fetch's Request is built only where fetch is used. */
export interface ApiRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string | Uint8Array | ReadableStream<Uint8Array> | undefined;
}

/** What the CLI reads of an answer (a fetch Response is one). */
export interface ApiResponse {
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
  text(): Promise<string>;
}

/** Sends one request somewhere: over TCP, the local admin socket, or to an in-process app. */
export type Transport = (request: ApiRequest) => Promise<ApiResponse>;

/** The fetch Request of an ApiRequest (for the in-process app and the admin socket). */
export function toFetchRequest(r: ApiRequest): Request {
  const init: RequestInit & { duplex?: "half" } = { method: r.method, headers: r.headers, ...(r.body !== undefined ? { body: r.body as NonNullable<RequestInit["body"]>, duplex: "half" } : {}) };
  return new Request(r.url, init);
}

/** The query an upload operation declares (none for operations without one). */
type UploadQuery<O extends OperationSpec> = OperationInput<O> extends { query?: infer Q } ? Q & Record<string, unknown> : Record<string, never>;

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

  /**
   * Calls one contract operation: its path, method and body come from the contract, and the
   * answer is checked against the operation's response schema. API errors become CliErrors.
   * @example const { tokens } = await api.op(ops.tokens.list, { query: { revoked: "true" } });
   */
  async op<O extends OperationSpec>(op: O, input: OperationInput<O>): Promise<OperationOutput<O>> {
    const request = prepareRequest(op, input);
    const res = await this.send(request.method, request.path, request.body, request.headers);
    const answer = readAnswer(op, res.status, await res.text());
    if (!answer.ok) throw new CliError(answer.error.message, { code: answer.error.code, status: answer.error.status });
    return answer.value;
  }

  /**
   * Sends a raw body (an upload) to a contract operation's path, with its query; errors are raised like `op`'s.
   * @example await api.upload(ops.files.upload, { source, filename }, stream, { "content-type": "application/octet-stream" }, { sha256 });
   */
  async upload<O extends OperationSpec>(
    op: O,
    params: Record<string, string>,
    body: ApiRequest["body"],
    headers: Record<string, string>,
    query?: UploadQuery<O>,
  ): Promise<OperationOutput<O>> {
    const res = await this.send(op.method, pathFor(op, params, query), body, headers);
    const answer = readAnswer(op, res.status, await res.text());
    if (!answer.ok) throw new CliError(answer.error.message, { code: answer.error.code, status: answer.error.status });
    return answer.value;
  }

  /** Sends one request; transport failures and API errors become CliErrors. */
  private async send(method: string, path: string, body?: ApiRequest["body"], headers: Record<string, string> = {}): Promise<ApiResponse> {
    const h: Record<string, string> = { ...headers, accept: "application/json" };
    if (this.token) h.authorization = `Bearer ${this.token}`;
    let res: ApiResponse;
    try {
      res = await this.transport({ method, url: new URL(path, "http://gatehouse.local"), headers: h, body });
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

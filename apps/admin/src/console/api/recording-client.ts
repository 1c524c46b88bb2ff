// Test support: an ApiClient that records each call and answers with a fixed body (never bundled: only tests import it).
import { type OperationInput, type OperationOutput, type OperationSpec, prepareRequest, readAnswer } from "@gatehouse/api-contract";
import type { ApiClient, ApiResult } from "./client.js";

/** One call the endpoints made: method, path with its query, and the JSON body sent. */
export interface RecordedCall {
  method: string;
  path: string;
  body?: unknown;
}

/**
 * A client that records calls and answers every one with `answer`, read as the real client reads
 * it: an answer the operation's schema refuses is a failed call, so fixtures keep to the contract.
 */
export function recordingClient(answer: unknown): { api: ApiClient; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const api: ApiClient = {
    async call<O extends OperationSpec>(op: O, input: OperationInput<O>): Promise<ApiResult<OperationOutput<O>>> {
      const prepared = prepareRequest(op, input);
      calls.push({ method: prepared.method, path: prepared.path, ...(prepared.body !== undefined ? { body: JSON.parse(prepared.body) } : {}) });
      return readAnswer(op, op.success, JSON.stringify(answer));
    },
  };
  return { api, calls };
}

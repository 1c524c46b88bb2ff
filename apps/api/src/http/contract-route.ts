import { conformance, type OperationBody, type OperationQuery, type OperationReply, type OperationSpec, type PathParams } from "@gatehouse/api-contract";
import type { Context, Hono } from "hono";
import type { AppEnv } from "../app-env.js";
import { parseJsonBody, parseWith } from "./parse-body.js";

/** What a handler gets: the request's path parameters, and its query and JSON body validated by the contract. */
export interface RouteInput<O extends OperationSpec> {
  params: PathParams<O["path"]>;
  query: OperationQuery<O>;
  body: OperationBody<O>;
}

/** A handler answers with what the response schema accepts (sent with the operation's status), or a Response of its own. */
export type ContractHandler<O extends OperationSpec> = (c: Context<AppEnv>, input: RouteInput<O>) => Promise<OperationReply<O> | Response>;

/** A handler whose answer is off its contract: a server bug, reported as such instead of reaching a client. */
export class ResponseContractError extends Error {
  constructor(readonly operationId: string, detail: string) {
    super(`${operationId}: the answer does not match the API contract: ${detail}`);
  }
}

/** Per-route hooks. */
export interface RouteOptions {
  /** Runs before the request is read (a rate limit that counts malformed requests too). */
  before?: (c: Context<AppEnv>) => void;
}

// Tests set this so every answer is checked against its schema; in production the types do that work.
const checkReplies = (): boolean => process.env.GATEHOUSE_CHECK_RESPONSES === "1";

/**
 * Binds contract operations to a Hono app mounted at `base`: the route's path and method come from
 * the operation, its query and body are validated with the operation's schemas (a 400 naming the
 * field), and the answer is typed by (and, under tests, checked against) its response schema.
 *
 * @example
 * const on = contractRoutes(app, "/__api__/tokens");
 * on(ops.tokens.delete, async (c, { params }) => revokeToken(domain, c.get("actor"), { guid: params.guid }));
 */
export function contractRoutes(app: Hono<AppEnv>, base: string) {
  return function on<O extends OperationSpec>(op: O, handler: ContractHandler<O>, options: RouteOptions = {}): void {
    if (!op.path.startsWith(base)) throw new Error(`${op.id}: ${op.path} is not under ${base}`);
    const path = op.path.slice(base.length) || "/";
    app.on(op.method, path, async (c) => {
      options.before?.(c);
      const query = (op.query ? parseWith(op.query, c.req.query()) : {}) as OperationQuery<O>;
      const body = (op.body ? await parseJsonBody(c, op.body) : undefined) as OperationBody<O>;
      const params = c.req.param() as PathParams<O["path"]>;
      const reply = await handler(c, { params, query, body });
      if (reply instanceof Response) return reply;
      if (checkReplies()) {
        const wrong = conformance(op, reply);
        if (wrong !== null) throw new ResponseContractError(op.id, wrong);
      }
      return c.json(reply as object, op.success);
    });
  };
}

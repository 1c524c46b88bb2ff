import { type Http2Bindings, type HttpBindings, getRequestListener } from "@hono/node-server";
import type { AppBindings } from "../app-env.js";
import type { GatehouseApp } from "../app.js";
import type { RequestListener } from "./fast-pages.js";
import { reasonPhraseOf } from "./reason-phrase.js";

/**
 * The app as a node:http request handler: the client's address goes in the
 * bindings, and an error's message into the reason phrase (clients that print
 * only the status line still tell the user why).
 * @example createServer(routesListener(app))
 */
export function routesListener(app: GatehouseApp): RequestListener {
  return getRequestListener(async (req: Request, env: HttpBindings | Http2Bindings) => {
    const bindings: AppBindings = { address: env.incoming.socket.remoteAddress ?? "unknown" };
    const res = await app.fetch(req, bindings);
    if (bindings.errorMessage && res.status >= 400 && "statusMessage" in env.outgoing) {
      env.outgoing.statusMessage = reasonPhraseOf(res.status, bindings.errorMessage);
    }
    return res;
  });
}

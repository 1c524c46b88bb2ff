import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env.js";
import { bodyLimitOf, tooLargeError } from "../http/upload-limit.js";

/**
 * Refuses at once, with 413 and `Connection: close`, a request whose declared
 * Content-Length is over the upload limit: no body byte is read, so a client
 * announcing 10^12 bytes is answered now instead of being read until the
 * limit is crossed. Bodies without a length are bounded where they are read.
 *
 * @example
 * app.use("*", refuseOversizedBodies(() => domain.settings.maxUploadBytes));
 */
export function refuseOversizedBodies(maxUploadBytes: () => number): MiddlewareHandler<AppEnv> {
  return async function refuseOversizedBody(c, next) {
    const header = c.req.header("content-length");
    // Node's parser has already refused a malformed length; anything else is not ours to judge.
    if (header !== undefined && /^\d+$/.test(header)) {
      const declared = Number(header);
      const max = maxUploadBytes();
      if (declared > bodyLimitOf(max, c.req.header("content-type"))) throw tooLargeError(max, declared);
    }
    return next();
  };
}

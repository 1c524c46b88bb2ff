import type { ProtocolHandler } from "../protocol.js";
import type { ProtocolDeps } from "../repo-routes.js";
import { ApiError } from "../../http/api-error.js";

/** Python repos: PEP 503/691 simple index, downloads, twine uploads. */
export function pythonProtocol(_deps: ProtocolDeps): ProtocolHandler {
  return {
    async handle() {
      throw new ApiError("ROUTE_NOT_FOUND", "python repositories are not served yet");
    },
  };
}

import type { ProtocolHandler } from "../protocol.js";
import type { ProtocolDeps } from "../repo-routes.js";
import { ApiError } from "../../http/api-error.js";

/** conda channels: repodata.json per subdir, labels, downloads. */
export function condaProtocol(_deps: ProtocolDeps): ProtocolHandler {
  return {
    async handle() {
      throw new ApiError("ROUTE_NOT_FOUND", "conda channels are not served yet");
    },
  };
}

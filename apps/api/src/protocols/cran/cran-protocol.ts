import type { ProtocolHandler } from "../protocol.js";
import type { ProtocolDeps } from "../repo-routes.js";
import { ApiError } from "../../http/api-error.js";

/** R and Bioconductor repos: CRAN layout (PACKAGES, tarballs, Archive), Bioconductor config and layout. */
export function cranProtocol(_deps: ProtocolDeps): ProtocolHandler {
  return {
    async handle() {
      throw new ApiError("ROUTE_NOT_FOUND", "R repositories are not served yet");
    },
  };
}

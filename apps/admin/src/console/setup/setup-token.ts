import type { CreateTokenRequest } from "../api/types.js";
import { formatCliCommand } from "../html/cli-command.js";

/**
 * The token the setup page offers to mint: repos:read on this one repo, for the signed-in user, never expiring (Posit's default).
 * @example setupTokenRequest("pypi", "ann") // { scopes: ["repos:read"], repos: ["pypi"], description: "client setup for pypi", user: "ann" }
 */
export function setupTokenRequest(repo: string, user: string): CreateTokenRequest {
  return { scopes: ["repos:read"], repos: [repo], description: `client setup for ${repo}`, user };
}

/**
 * The same token from the CLI.
 * @example createTokenCommand(setupTokenRequest("pypi", "ann"))
 * // 'gatehouse create token --scope repos:read --repos pypi --description "client setup for pypi" --user ann'
 */
export function createTokenCommand(request: CreateTokenRequest): string {
  const list = (value: CreateTokenRequest["repos"]) => (value === undefined ? undefined : value === "*" ? "*" : value.join(","));
  return formatCliCommand(
    ["create", "token"],
    [
      { flag: "scope", value: request.scopes.join(" ") },
      { flag: "repos", value: list(request.repos) },
      { flag: "sources", value: list(request.sources) },
      { flag: "expires", value: request.expires },
      { flag: "description", value: request.description },
      { flag: "user", value: request.user },
    ],
  );
}

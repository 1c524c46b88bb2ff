import type { OperationSpec } from "./operation.js";
import { accountOperations } from "./operations/account.js";
import { fileOperations } from "./operations/files.js";
import { identityOperations } from "./operations/identity.js";
import { policyOperations } from "./operations/policy.js";
import { repoOperations } from "./operations/repos.js";
import { sourceOperations } from "./operations/sources.js";
import { systemOperations } from "./operations/system.js";
import { tokenOperations } from "./operations/tokens.js";

/**
 * Every JSON API operation, by area. Server routes, the OpenAPI document, the CLI and the console
 * all take their paths and schemas from here.
 * @example
 * await client.call(ops.tokens.delete, { params: { guid } });
 */
export const ops = {
  account: accountOperations,
  tokens: tokenOperations,
  repos: repoOperations,
  sources: sourceOperations,
  files: fileOperations,
  policy: policyOperations,
  identity: identityOperations,
  system: systemOperations,
} as const;

/** Every operation once, in declaration order. */
export function allOperations(): OperationSpec[] {
  return Object.values(ops).flatMap((area) => Object.values(area) as OperationSpec[]);
}

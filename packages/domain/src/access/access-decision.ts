import type { Permission } from "../db/index.js";

/** What allowed an actor to act: a public repo, one of the token's scopes, or a group grant within the token's scopes. */
export type AccessBasis =
  | { kind: "public" }
  | { kind: "scope"; scope: string }
  | { kind: "grant"; grantId: string; group: string; permission: Permission; ceiling: string };

/** One access decision with a sentence naming the scope or grant that decided it. */
export interface AccessDecision {
  allowed: boolean;
  basis: AccessBasis | null;
  explanation: string;
}

/** Describes a grant basis in words, for explanations. */
export function describeGrantBasis(basis: Extract<AccessBasis, { kind: "grant" }>, what: string): string {
  return `Allowed: group "${basis.group}" holds ${basis.permission} on ${what} (grant ${basis.grantId}), within the token's scope "${basis.ceiling}".`;
}

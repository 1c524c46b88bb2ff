import { type CompiledGrant, type Grant, compileGrant } from "@gatehouse/scope-engine";

/** Who is acting: the local operator (CLI on the server machine), a token's holder, or nobody. */
export type Actor =
  | { kind: "local" }
  | {
      kind: "token";
      tokenId: string;
      guid: string;
      display: string;
      userId: string;
      userName: string;
      grant: Grant;
      compiled: CompiledGrant;
      /** When the token expires (null: never); absent for actors built outside the verifier. */
      expiresAt?: Date | null;
    }
  | { kind: "anonymous" };

/** The local operator may do everything a `global:admin` token may. */
export const LOCAL_GRANT: Grant = { scopes: ["global:admin"], repos: "*", sources: "*" };
const EMPTY_GRANT: Grant = { scopes: [], repos: [], sources: [] };
const LOCAL_COMPILED = compileGrant(LOCAL_GRANT);
const EMPTY_COMPILED = compileGrant(EMPTY_GRANT);

/** The local operator actor. */
export const LOCAL_ACTOR: Actor = { kind: "local" };
/** The actor for requests without credentials. */
export const ANONYMOUS_ACTOR: Actor = { kind: "anonymous" };

/** The grant an actor holds. */
export function grantOf(actor: Actor): Grant {
  if (actor.kind === "token") return actor.grant;
  return actor.kind === "local" ? LOCAL_GRANT : EMPTY_GRANT;
}

/** The compiled grant an actor holds (compiled once per token). */
export function compiledGrantOf(actor: Actor): CompiledGrant {
  if (actor.kind === "token") return actor.compiled;
  return actor.kind === "local" ? LOCAL_COMPILED : EMPTY_COMPILED;
}

/** How an actor is named in the audit log: never a secret, only the token's display form. */
export function describeActor(actor: Actor): string {
  if (actor.kind === "token") return `${actor.userName} (${actor.display})`;
  return actor.kind;
}

/** The user an actor acts for, if any. */
export function userIdOf(actor: Actor): string | null {
  return actor.kind === "token" ? actor.userId : null;
}

import { type Action, type Decision, type Resource, authorize, isAllowed } from "@gatehouse/scope-engine";
import { DomainError } from "../errors/index.js";
import { type Actor, compiledGrantOf } from "./actor.js";

/** Whether the actor may do the action on the resource. */
export function can(actor: Actor, action: Action, resource?: Resource): boolean {
  return isAllowed(compiledGrantOf(actor), action, resource);
}

/** The full decision, with its explanation. */
export function decide(actor: Actor, action: Action, resource?: Resource): Decision {
  return authorize(compiledGrantOf(actor), action, resource);
}

/**
 * Throws unless the actor may do the action: UNAUTHENTICATED for anonymous
 * callers (so clients retry with credentials), FORBIDDEN with the reason otherwise.
 */
export function requireAllowed(actor: Actor, action: Action, resource?: Resource): void {
  if (can(actor, action, resource)) return;
  if (actor.kind === "anonymous") {
    throw new DomainError("UNAUTHENTICATED", "authentication required: present a token");
  }
  throw new DomainError("FORBIDDEN", decide(actor, action, resource).explanation);
}
